// `linkup serve --log-level …` as a person runs it: readable lines on stderr for peers coming
// and going in a room, the room catching up, and warnings; never the access token, nor the login
// code (printed once, on stdout, in the URL line).
import { describe, expect, it, onTestFinished } from 'vitest'
import fs from 'fs'
import path from 'path'
import { roomInternals } from '../../src/room-internals.js'
import { encodeEvent } from '../../views/schema.js'
import { createLocalTestnet, createClient, tmpStorage } from '../helpers/peers.js'
import { startCli, exitCode } from '../helpers/cli.js'
import { waitFor } from '../helpers/wait.js'

const LINE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z (FATAL|ERROR|WARN |INFO |DEBUG|TRACE) \S/

function serve (level: string, env: NodeJS.ProcessEnv): ReturnType<typeof startCli> & { stdout: () => string, token: () => string } {
  const storage = tmpStorage('serve-log')
  const cli = startCli(['serve', '--port', '0', '--storage', storage, '--log-level', level], env)
  onTestFinished(() => { if (cli.child.exitCode === null && cli.child.signalCode === null) cli.child.kill('SIGKILL') }) // a failed test leaves no node behind
  let out = ''
  cli.child.stdout?.on('data', (d: Buffer) => { out += d.toString() })
  return { ...cli, stdout: () => out, token: () => fs.readFileSync(path.join(storage, 'token'), 'utf8').trim() }
}

async function api (origin: string, token: string, path: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` }
  if (body !== undefined) headers['content-type'] = 'application/json'
  return fetch(origin + path, { method: body === undefined ? 'GET' : 'POST', headers, body: body === undefined ? undefined : JSON.stringify(body) })
}

describe('linkup serve logs', () => {
  it('at info: a peer connecting, the room syncing, a warning and the peer leaving, one readable line each', async () => {
    const testnet = await createLocalTestnet()
    const env = { LINKUP_BOOTSTRAP: testnet.bootstrap.join(','), LINKUP_DHT_HOST: '127.0.0.1' }
    const node = serve('info', env)
    const url = new URL(await node.line)
    const token = node.token()
    const code = url.hash.slice('#code='.length)
    const room = await (await api(url.origin, token, '/api/rooms', { alias: 'general' })).json() as { id: string }
    const { invite } = await (await api(url.origin, token, `/api/rooms/${room.id}/invites`, {})).json() as { invite: string }

    const bob = await createClient(testnet, { name: 'bob' })
    const bobRoom = await bob.joinRoom(invite)
    await bobRoom.send('hello')
    const scope = `[general ${room.id.slice(0, 8)}]`
    const peer = bob.peerKey.slice(0, 8)
    await waitFor(() => node.stderr().includes(`INFO  ${scope} peer ${peer} connected (1 peer)`), { message: 'the peer connected line\n' + node.stderr() })
    await waitFor(() => /INFO {2}\S+ \S+ synced: caught up with 1 peer \(\d+ events\)/.test(node.stderr()), { message: 'the synced line\n' + node.stderr() })

    // A member writes blocks past the SDK's checks: every peer skips them, the node says so.
    await roomInternals(bobRoom).base.append([Buffer.from('not json'), encodeEvent({ type: 'message-posted', v: 1, text: '', ts: 1 })])
    const skipped = new RegExp(`WARN  \\[general ${room.id.slice(0, 8)}\\] skipped [12] blocks? that (is|are) not a valid event from a member \\(2 in this room\\)`)
    await waitFor(() => skipped.test(node.stderr()), { message: 'the warning line\n' + node.stderr() })

    await bob.close()
    await waitFor(() => node.stderr().includes(`INFO  ${scope} peer ${peer} disconnected (0 peers)`), { message: 'the disconnected line\n' + node.stderr() })
    node.child.kill('SIGTERM')
    expect(await exitCode(node.child)).toBe(0)

    const lines = node.stderr().trim().split('\n')
    for (const line of lines) expect(line).toMatch(LINE)
    console.log('linkup serve --log-level info said:\n' + node.stderr())
    for (const secret of [token, code]) expect(node.stderr()).not.toContain(secret)
    expect(node.stdout()).not.toContain(token)
    expect(node.stdout().split('\n').filter((l) => l.includes(code))).toEqual([url.href])
  })

  it('at debug, HTTP requests are logged by method and path: no token, no query', async () => {
    const testnet = await createLocalTestnet()
    const node = serve('debug', { LINKUP_BOOTSTRAP: testnet.bootstrap.join(','), LINKUP_DHT_HOST: '127.0.0.1' })
    const url = new URL(await node.line)
    const token = node.token()
    const code = url.hash.slice('#code='.length)
    expect((await api(url.origin, token, '/api/rooms?secret=' + token)).status).toBe(200)
    expect((await fetch(url.origin + '/api/rooms', { headers: { authorization: 'Bearer ' + 'f'.repeat(64) } })).status).toBe(401)
    expect((await api(url.origin, token, '/api/rooms')).status).toBe(200)
    await waitFor(() => node.stderr().includes('"GET /api/rooms"'), { message: 'a request line\n' + node.stderr() })
    node.child.kill('SIGTERM')
    expect(await exitCode(node.child)).toBe(0)
    for (const line of node.stderr().trim().split('\n')) expect(line).toMatch(LINE)
    for (const secret of [token, code, 'secret=']) expect(node.stderr()).not.toContain(secret)
    expect(node.stdout()).not.toContain(token)
    expect(node.stdout().split('\n').filter((l) => l.includes(code))).toEqual([url.href])
  })
})
