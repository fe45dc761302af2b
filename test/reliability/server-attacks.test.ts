// Attacks on a real local node (Client + Fastify listening on 127.0.0.1), over raw sockets:
// DNS-rebinding Host lines, missing or wrong tokens, forged, stolen or replayed login codes and
// session cookies, oversized bodies, slow clients, path traversal and header injection through
// peers' file names. Each gets its refusal, and the
// node keeps serving the real user afterwards.
import { test, expect, onTestFinished } from 'vitest'
import { createNode } from '../helpers/nodes.js'
import { createClient } from '../helpers/peers.js'
import { waitFor } from '../helpers/wait.js'
import { createLocalTestnet } from '../helpers/peers.js'
import { raw, get, trickle } from './raw-http.js'
import type { AddressInfo } from 'net'
import type { LocalNode } from '../../src/server/node.js'
import { buildApp, TIMEOUTS } from '../../src/server/app.js'
import { roomInternals } from '../../src/room-internals.js'
import { Sessions } from '../../src/server/session.js'
import { login, parseUrl, redeem } from '../helpers/login.js'

async function healthy (node: LocalNode): Promise<void> {
  const res = await raw(node.port, get('/api/rooms', { Host: `127.0.0.1:${node.port}`, Authorization: `Bearer ${node.token}` }))
  expect(res.status, 'the node still serves its user').toBe(200)
}

test('DNS rebinding and forged Host lines are refused; so is a request without the token', async () => {
  const testnet = await createLocalTestnet()
  const node = await createNode(testnet, { name: 'victim' })
  const p = node.port
  const auth = `Bearer ${node.token}`
  const hosts: Array<string | string[] | null> = [
    `evil.example:${p}`, `127.0.0.1.nip.io:${p}`, `localhost.:${p}`, `127.0.0.1:${p + 1}`, `[::1]:${p}`,
    `0.0.0.0:${p}`, `127.1:${p}`, `2130706433:${p}`, `LOCALHOST:${p}`, `127.0.0.1:${p}.evil.example`, `user@127.0.0.1:${p}`,
    `127.0.0.1`, '', [`127.0.0.1:${p}`, `evil.example:${p}`], [`evil.example:${p}`, `127.0.0.1:${p}`], null
  ]
  let tried = 0
  for (const host of hosts) {
    const headers: Record<string, string | string[]> = { Authorization: auth }
    if (host !== null) headers.Host = host
    const res = await raw(p, get('/api/rooms', headers))
    expect([400, 403], `Host ${JSON.stringify(host)} → ${res.status}`).toContain(res.status)
    tried++
  }
  // absolute-form target naming another host, and HTTP/1.0 without Host
  const absolute = await raw(p, `GET http://evil.example:${p}/api/rooms HTTP/1.1\r\nHost: evil.example:${p}\r\nAuthorization: ${auth}\r\nConnection: close\r\n\r\n`)
  expect([400, 403]).toContain(absolute.status)
  const old = await raw(p, `GET /api/rooms HTTP/1.0\r\nAuthorization: ${auth}\r\n\r\n`)
  expect([400, 403]).toContain(old.status)
  tried += 2

  const tokens: Array<Record<string, string | string[]>> = [
    {}, { Authorization: 'Bearer' }, { Authorization: 'Bearer ' }, { Authorization: `bearer ${node.token}` },
    // (a trailing space is no different value: HTTP trims it)
    { Authorization: `Bearer  ${node.token}` }, { Authorization: node.token },
    { Authorization: `Basic ${Buffer.from('x:' + node.token).toString('base64')}` }, { Authorization: `Bearer ${node.token.slice(0, -1)}` },
    { Authorization: ['Bearer wrong', auth] }, { Cookie: `token=${node.token}` }, { 'X-Token': node.token }
  ]
  for (const extra of tokens) {
    for (const path of ['/api/rooms', `/api/rooms?token=${node.token}`, '/%61pi/rooms', '//api/rooms', '/api/../api/rooms']) {
      const res = await raw(p, get(path, { Host: `127.0.0.1:${p}`, ...extra }))
      expect([400, 401, 404], `${path} ${JSON.stringify(extra)} → ${res.status}`).toContain(res.status)
      expect(res.body).not.toMatch(/"rooms"/)
      tried++
    }
  }
  console.log(`server attacks: ${tried} forged Host / token requests refused`)
  await healthy(node)
})

test('login codes work once; session cookies cannot be forged, stretched, or used from another page', async () => {
  const testnet = await createLocalTestnet()
  const node = await createNode(testnet, { name: 'victim' })
  const p = node.port
  const host = { Host: `127.0.0.1:${p}` }
  const url = node.url
  expect(url).not.toContain(node.token)
  const { origin, code } = parseUrl(url)
  const session = await login(url)
  let tried = 0
  // The same code again, a guessed one, one of another shape, a token where a code goes.
  for (const guess of [code, 'f'.repeat(32), code.toUpperCase(), code + '0', node.token, '', 42]) {
    const res = await redeem(origin, guess as string)
    expect([400, 401], `code ${JSON.stringify(guess)}`).toContain(res.status)
    expect(res.headers.get('set-cookie')).toBeNull()
    tried++
  }
  // A code is refused from another page's origin even before it is checked (403).
  const fresh = parseUrl(node.url).code
  const foreign = await fetch(origin + '/session', { method: 'POST', headers: { 'content-type': 'application/json', origin: `http://127.0.0.1:${p + 1}` }, body: JSON.stringify({ code: fresh }) })
  expect(foreign.status).toBe(403)
  expect((await redeem(origin, fresh)).status, 'the refused request did not spend it').toBe(204)

  const [name, value] = session.cookie.split('=') as [string, string]
  const sessions = new Sessions(node.token)
  const other = new Sessions('e'.repeat(64))
  const day = 24 * 3600_000
  const cookies: Array<[string, string]> = [
    ['no cookie', ''],
    ['tampered signature', `${name}=${value.slice(0, -1)}${value.endsWith('0') ? '1' : '0'}`],
    ['tampered date', `${name}=${value.replace(/^v1\.[0-9a-z]+\./, `v1.${(Date.now() + day).toString(36)}.`)}`],
    ['expired (31 days old)', `${name}=${sessions.create(Date.now() - 31 * day)}`],
    ['from the future', `${name}=${sessions.create(Date.now() + day)}`],
    ['another node\'s cookie', `${other.name}=${other.create()}`],
    ['another node\'s value under this name', `${name}=${other.create()}`],
    ['the access token', `${name}=${node.token}`],
    ['the login code', `${name}=${code}`]
  ]
  for (const [what, cookie] of cookies) {
    const res = await raw(p, get('/api/rooms', cookie === '' ? host : { ...host, Cookie: cookie }))
    expect(res.status, what).toBe(401)
    tried++
  }
  // A good cookie counts only from our own page: another page of this machine is same-site
  // (cookies ignore ports), and its requests say so; an Origin of its own is refused outright.
  for (const site of ['same-site', 'cross-site', 'none']) {
    expect((await raw(p, get('/api/rooms', { ...host, Cookie: session.cookie, 'Sec-Fetch-Site': site }))).status, site).toBe(401)
    tried++
  }
  expect((await raw(p, get('/api/rooms', { ...host, Cookie: session.cookie, Origin: `http://localhost:${p + 1}` }))).status).toBe(403)
  expect((await raw(p, get('/api/rooms', { ...host, Cookie: session.cookie, 'Sec-Fetch-Site': 'same-origin' }))).status).toBe(200)
  // A session a day old is renewed as it is used; one fresh is not.
  const old = await raw(p, get('/api/rooms', { ...host, Cookie: `${name}=${sessions.create(Date.now() - 2 * day)}` }))
  expect(old.status).toBe(200)
  expect(old.head).toMatch(new RegExp(`set-cookie: ${name}=v1\\.[^;]+; HttpOnly; SameSite=Strict; Path=/; Max-Age=2592000`, 'i'))
  expect((await raw(p, get('/api/rooms', { ...host, Cookie: session.cookie }))).head).not.toMatch(/set-cookie/i)
  console.log(`session attacks: ${tried} guessed, replayed or forged codes and cookies refused`)
  await healthy(node)
})

function post (path: string, headers: Record<string, string>, body: Buffer | string): Buffer {
  const lines = [`POST ${path} HTTP/1.1`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`), 'Connection: close', '', '']
  return Buffer.concat([Buffer.from(lines.join('\r\n')), Buffer.from(body)])
}

test('oversized bodies get 413 and nothing is written; the node keeps serving', async () => {
  const testnet = await createLocalTestnet()
  const node = await createNode(testnet, { name: 'victim' })
  const h = { Host: `127.0.0.1:${node.port}`, Authorization: `Bearer ${node.token}` }
  const room = await node.client.createRoom('big')
  const files = roomInternals(room).files
  files.maxBytes = 256 * 1024 // the real limit is 100 MiB: same code path, smaller test
  const json = JSON.stringify({ alias: 'x'.repeat(2 * 1024 * 1024) })
  const big = await raw(node.port, post('/api/rooms', { ...h, 'Content-Type': 'application/json', 'Content-Length': String(json.length) }, json))
  expect(big.status).toBe(413)
  const text = JSON.stringify({ text: 'y'.repeat(1024 * 1024) })
  const long = await raw(node.port, post(`/api/rooms/${room.id}/messages`, { ...h, 'Content-Type': 'application/json', 'Content-Length': String(text.length) }, text))
  expect(long.status).toBe(413)
  // a file announced too big: refused before reading the body
  const announced = await raw(node.port, post(`/api/rooms/${room.id}/files?name=a.bin`, { ...h, 'Content-Type': 'application/octet-stream', 'Content-Length': String(10 * 1024 * 1024) }, 'abc'))
  expect(announced.status).toBe(413)
  // a chunked upload that never says its size and goes past the limit
  const chunk = Buffer.alloc(64 * 1024, 1)
  const chunks = Array.from({ length: 8 }, () => Buffer.concat([Buffer.from(chunk.length.toString(16) + '\r\n'), chunk, Buffer.from('\r\n')]))
  const chunked = await raw(node.port, post(`/api/rooms/${room.id}/files?name=b.bin`, { ...h, 'Content-Type': 'application/octet-stream', 'Transfer-Encoding': 'chunked' }, Buffer.concat([...chunks, Buffer.from('0\r\n\r\n')])))
  expect(chunked.status).toBe(413)
  expect(await room.messages()).toEqual([])
  expect(node.client.rooms.map(r => r.alias)).toEqual(['big'])
  await healthy(node)
})

test('slow clients are cut off by timeouts while the node keeps serving', async () => {
  const testnet = await createLocalTestnet()
  // the real node has the production timeouts ...
  const real = await createNode(testnet, { name: 'real' })
  expect({ headers: real.app.server.headersTimeout, request: real.app.server.requestTimeout, idle: real.app.server.timeout })
    .toEqual({ headers: TIMEOUTS.headers, request: TIMEOUTS.request, idle: TIMEOUTS.idle })
  // ... and this one the same code with short ones, so the test takes seconds
  const client = await createClient(testnet, { name: 'victim' })
  const token = 'a'.repeat(64)
  const app = await buildApp(client, { token, timeouts: { headers: 2000, request: 4000, idle: 3000, checkEvery: 250 } })
  onTestFinished(() => app.close())
  await app.listen({ host: '127.0.0.1', port: 0 })
  const node = { port: (app.server.address() as AddressInfo).port, token } as LocalNode
  const p = node.port
  // headers that never end, a body that trickles, and a crowd of silent sockets
  const headers = trickle(p, `GET / HTTP/1.1\r\nHost: 127.0.0.1:${p}\r\n`, 'X-a: b\r\n', 200, 20_000)
  const body = trickle(p, `POST /api/rooms HTTP/1.1\r\nHost: 127.0.0.1:${p}\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n`, ' ', 200, 20_000)
  const idle = Array.from({ length: 50 }, () => trickle(p, '', '', 1000, 20_000, false))
  await healthy(node)
  const [h, b] = await Promise.all([headers, body])
  const quiet = await Promise.all(idle)
  await healthy(node)
  const slowest = Math.max(...quiet.map(q => q.closedAfter))
  console.log(`slow clients: headers cut after ${h.closedAfter} ms (${h.sent} bytes dripped, reply ${JSON.stringify(h.reply.slice(0, 12))}), body after ${b.closedAfter} ms (${JSON.stringify(b.reply.slice(0, 12))}), 50 idle sockets after at most ${slowest} ms`)
  expect(h.closedAfter).toBeLessThan(2000 + 1500)
  expect(b.closedAfter).toBeLessThan(4000 + 1500)
  expect(slowest).toBeLessThan(3000 + 1500)
})

test('path traversal in URLs and in peers\' file events, and header injection through file names', async () => {
  const testnet = await createLocalTestnet()
  const node = await createNode(testnet, { name: 'victim' })
  await node.client.setProfile({ name: 'victim' })
  const room = await node.client.createRoom('files')
  const mallory = await createClient(testnet, { name: 'mallory' })
  const evil = await mallory.joinRoom(await room.createInvite())
  const real = await evil.sendFile('real.txt', Buffer.from('harmless'), 'text/plain')
  const file = real.file as NonNullable<typeof real.file>
  // past the SDK's sanitising: raw events naming the real bytes with hostile names and types,
  // and one pointing at a path that climbs out of the drive
  const names = ['evil".html; filename=x.html', '\u202Egnp.exe', 'a\u2028b\u0085c', 'x; filename*=UTF-8\'\'y.html', '..\\..\\boot.ini', 'ok%0d%0aSet-Cookie: a=b']
  const mimes = ['text/html', 'image/svg+xml', 'application/xhtml+xml', 'text/plain']
  const ids: string[] = []
  for (const [i, name] of names.entries()) {
    const seq = await roomInternals(evil).writer.append({ type: 'file-posted', v: 1, ts: 1, drive: file.drive, path: file.path, name, mime: mimes[i % mimes.length] as string, size: file.size })
    ids.push(`${evil.writerKey}:${seq}`)
  }
  const climb = await roomInternals(evil).writer.append({ type: 'file-posted', v: 1, ts: 1, drive: file.drive, path: '/../../../../../etc/passwd', name: 'passwd', mime: 'text/plain', size: 10 })
  await waitFor(async () => (await room.messages()).length === names.length + 2, { message: 'the hostile file events at the victim' })
  const h = { Host: `127.0.0.1:${node.port}`, Authorization: `Bearer ${node.token}` }

  for (const id of ids) {
    const res = await raw(node.port, get(`/api/rooms/${room.id}/files/${id}`, h), 30_000)
    expect(res.status, id).toBe(200)
    const headers = res.head.split('\r\n').slice(1).map(l => l.toLowerCase())
    expect(headers.filter(l => l.startsWith('set-cookie'))).toEqual([])
    const disposition = headers.find(l => l.startsWith('content-disposition:')) ?? ''
    expect(disposition).toMatch(/^content-disposition: attachment; filename="[a-z0-9 ._()+,-]+"; filename\*=utf-8''[a-z0-9%._~!-]+$/)
    const type = headers.find(l => l.startsWith('content-type:')) ?? ''
    expect(type).not.toMatch(/html|svg|xml/)
    expect(headers).toContain('x-content-type-options: nosniff')
    expect(res.body).toBe('harmless')
  }
  const climbed = await raw(node.port, get(`/api/rooms/${room.id}/files/${evil.writerKey}:${climb}`, h), 30_000)
  expect(climbed.body).not.toMatch(/root:/)
  expect(climbed.status).not.toBe(200)

  const paths = [
    '/../../../../etc/passwd', '/%2e%2e/%2e%2e/%2e%2e/etc/passwd', '/assets/..%2f..%2f..%2fpackage.json', '/assets/../../package.json',
    '/..%5c..%5cpackage.json', '//etc/passwd', '/index.html/../../package.json', `/api/rooms/${room.id}/files/..%2f..%2f..%2fetc%2fpasswd`,
    `/api/rooms/${room.id}/files/${ids[0]}/../../../../etc/passwd`, `/media/${room.id}/..%2f..%2fetc%2fpasswd?v=0&exp=1&sig=${'0'.repeat(64)}`,
    `/api/rooms/..%2f..%2f/files/x`, '/%00/etc/passwd', '/ui/dist/index.html', '/.git/config', '/local-state.json', '/token'
  ]
  for (const path of paths) {
    const res = await raw(node.port, get(path, h))
    expect([400, 401, 403, 404], `${path} → ${res.status}`).toContain(res.status)
    expect(res.body, path).not.toMatch(/root:|"name": ?"linkup"|\[core\]|"rooms"|"profile"/)
  }
  console.log(`file attacks: ${names.length} hostile file names and 1 climbing path served safely, ${paths.length} traversal URLs refused`)
  await healthy(node)
}, 60_000)
