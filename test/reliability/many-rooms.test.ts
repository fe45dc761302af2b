// A user in many rooms: each room listens to the one shared Network, which is not a leak
// (rooms stop listening when closed) and must not be reported as one. Found by the soak:
// 20 rooms printed MaxListenersExceededWarning for 'peers', 'peer-joined' and 'clock'.
import { test, expect } from 'vitest'
import { createLocalTestnet, createClient } from '../helpers/peers.js'

test('joining 15 rooms raises no listener-leak warning', async () => {
  const testnet = await createLocalTestnet()
  const client = await createClient(testnet, { name: 'busy' })
  const warnings: string[] = []
  const onwarning = (w: Error): void => { if (w.name === 'MaxListenersExceededWarning') warnings.push(w.message) }
  process.on('warning', onwarning)
  try {
    for (let i = 0; i < 15; i++) await client.createRoom(`room ${i}`)
    await new Promise(resolve => setImmediate(resolve)) // warnings are emitted on the next tick
  } finally {
    process.off('warning', onwarning)
  }
  expect(warnings).toEqual([])
})
