// Attacks on a real local node (Client + Fastify listening on 127.0.0.1), over raw sockets:
// DNS-rebinding Host lines, missing or wrong tokens, oversized bodies, slow clients, path
// traversal and header injection through peers' file names. Each gets its refusal, and the
// node keeps serving the real user afterwards.
import { test, expect } from 'vitest'
import { createNode } from '../helpers/nodes.js'
import { createClient } from '../helpers/peers.js'
import { waitFor } from '../helpers/wait.js'
import { createFiveNodeTestnet } from './testnet.js'
import { raw, get, trickle } from './raw-http.js'
import type { LocalNode } from '../../src/server/node.js'

async function healthy (node: LocalNode): Promise<void> {
  const res = await raw(node.port, get('/api/rooms', { Host: `127.0.0.1:${node.port}`, Authorization: `Bearer ${node.token}` }))
  expect(res.status, 'the node still serves its user').toBe(200)
}

test('DNS rebinding and forged Host lines are refused; so is a request without the token', async () => {
  const testnet = await createFiveNodeTestnet()
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
    { Authorization: `Bearer  ${node.token}` }, // (a trailing space is not a different value: HTTP trims it) { Authorization: node.token },
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
