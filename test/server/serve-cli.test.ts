// `linkup serve` as a user runs it: a separate process that prints one URL line, answers on
// 127.0.0.1 with the token from that URL, and exits cleanly on SIGTERM and SIGINT. Bad options
// get one line and exit code 2.
import { describe, expect, it } from 'vitest'
import fs from 'fs'
import path from 'path'
import { createLocalTestnet, tmpStorage } from '../helpers/peers.js'
import { CLI, startCli, exitCode } from '../helpers/cli.js'

const start = startCli

describe('linkup serve', () => {
  it('prints the UI URL with its token, serves it, and closes on SIGTERM and SIGINT', async () => {
    expect(fs.existsSync(CLI), 'npm run build first').toBe(true)
    const testnet = await createLocalTestnet()
    const storage = tmpStorage('serve')
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      const { child, line } = start(['serve', '--port', '0', '--storage', storage], { LINKUP_BOOTSTRAP: testnet.bootstrap.join(','), LINKUP_DHT_HOST: '127.0.0.1' })
      const url = await line
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]{64}$/)
      const { origin, hash } = new URL(url)
      const token = hash.slice('#token='.length)
      expect(fs.readFileSync(path.join(storage, 'token'), 'utf8').trim()).toBe(token)
      const page = await fetch(origin + '/')
      expect(page.status).toBe(200)
      expect(await page.text()).toContain('<lu-app>')
      expect((await fetch(origin + '/api/rooms')).status).toBe(401)
      const rooms = await fetch(origin + '/api/rooms', { headers: { authorization: `Bearer ${token}` } })
      expect(await rooms.json()).toEqual({ rooms: [] })
      // An open live stream (a browser tab) must not keep the node from closing.
      const stream = await fetch(origin + '/api/events', { headers: { authorization: `Bearer ${token}` } })
      expect(stream.status).toBe(200)
      const drained = stream.text()
      child.kill(signal)
      expect(await exitCode(child)).toBe(0)
      expect(await drained).toMatch(/^event: hello/)
    }
  })

  it('refuses a bad option with one line and exit code 2', async () => {
    for (const args of [['serve', '--port', 'eighty'], ['serve', '--bootstrap', 'nowhere'], ['serve', '--dht-host', 'localhost'], ['serve', '--log-level', 'loud'], ['serve', '--frobnicate']]) {
      const { child, stderr } = start(args)
      expect(await exitCode(child), args.join(' ')).toBe(2)
      expect(stderr().trim().split('\n')).toHaveLength(1)
    }
  })
})
