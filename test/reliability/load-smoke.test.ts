// A short run of the soak (bench/soak.ts, `npm run soak` for the real one): a few rooms and
// peers chatting at a steady rate. Checked: every message reaches every other member and each
// room's views end identical. Speed and memory are printed, never asserted (see bench/).
import { test, expect } from 'vitest'
import { tmpStorage } from '../helpers/peers.js'
import { waitFor } from '../helpers/wait.js'
import { sameViews } from '../helpers/views.js'
import { soak } from '../../bench/soak.js'
import { createLocalTestnet } from '../helpers/peers.js'

test('load smoke: 4 rooms, 3 peers, 10 s of steady chat, everything delivered', async () => {
  const testnet = await createLocalTestnet()
  const lines: string[] = []
  const result = await soak({ rooms: 4, peers: 3, seconds: 10, rate: 10, windowSeconds: 5, log: (l) => lines.push(l) }, testnet.bootstrap, tmpStorage('soak'))
  try {
    expect(result.sent).toBeGreaterThan(50)
    expect(result.missingInViews).toBe(0)
    expect(result.delivered).toBe(result.expected)
    for (const members of result.rooms) await waitFor(() => sameViews(members), { message: 'identical views in every room' })
    console.log(lines.join('\n'))
  } finally {
    await result.close()
  }
})
