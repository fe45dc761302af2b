// `linkup serve` as a user runs it: a separate process that prints one URL line, whose one-time
// code gives a session on 127.0.0.1 (once), and exits cleanly on SIGTERM and SIGINT. Bad options
// get one line and exit code 2.
import { describe, expect, it } from 'vitest'
import fs from 'fs'
import path from 'path'
import { createLocalTestnet, tmpStorage } from '../helpers/peers.js'
import { CLI, startCli, exitCode } from '../helpers/cli.js'
import { URL_LINE, login, parseUrl, redeem } from '../helpers/login.js'

const start = startCli

describe('linkup serve', () => {
  it('prints the UI URL with a one-time login code, serves it, and closes on SIGTERM and SIGINT', async () => {
    expect(fs.existsSync(CLI), 'npm run build first').toBe(true)
    const testnet = await createLocalTestnet()
    const storage = tmpStorage('serve')
    const codes: string[] = []
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      const { child, line } = start(['serve', '--port', '0', '--storage', storage], { LINKUP_BOOTSTRAP: testnet.bootstrap.join(','), LINKUP_DHT_HOST: '127.0.0.1' })
      const url = await line
      expect(url).toMatch(URL_LINE)
      const token = fs.readFileSync(path.join(storage, 'token'), 'utf8').trim()
      expect(url).not.toContain(token)
      const { origin, code } = parseUrl(url)
      codes.push(code)
      const page = await fetch(origin + '/')
      expect(page.status).toBe(200)
      expect(await page.text()).toContain('<lu-app>')
      expect((await fetch(origin + '/api/rooms')).status).toBe(401)
      const session = await login(url)
      expect(session.setCookie).toMatch(/; HttpOnly; SameSite=Strict; Path=\/; Max-Age=2592000$/)
      expect((await redeem(origin, code)).status, 'a code works once').toBe(401)
      expect(await (await session.fetch('/api/rooms')).json()).toEqual({ rooms: [] })
      // Scripts still use the token from the storage directory.
      expect((await fetch(origin + '/api/rooms', { headers: { authorization: `Bearer ${token}` } })).status).toBe(200)
      // An open live stream (a browser tab) must not keep the node from closing.
      const stream = await session.fetch('/api/events')
      expect(stream.status).toBe(200)
      const drained = stream.text()
      child.kill(signal)
      expect(await exitCode(child)).toBe(0)
      expect(await drained).toMatch(/^event: hello/)
    }
    expect(codes[0], 'each start prints a new code').not.toBe(codes[1])
  })

  it('refuses a bad option with one line and exit code 2', async () => {
    for (const args of [['serve', '--port', 'eighty'], ['serve', '--bootstrap', 'nowhere'], ['serve', '--dht-host', 'localhost'], ['serve', '--log-level', 'loud'], ['serve', '--frobnicate']]) {
      const { child, stderr } = start(args)
      expect(await exitCode(child), args.join(' ')).toBe(2)
      expect(stderr().trim().split('\n')).toHaveLength(1)
    }
  })
})
