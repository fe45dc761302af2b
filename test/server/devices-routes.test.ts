// The device routes (src/server/routes/devices.ts) with real clients on a local testnet and
// app.inject: a code made over HTTP links a second node over HTTP; errors keep their codes.
import { expect, it, onTestFinished } from 'vitest'
import { buildApp } from '../../src/server/app.js'
import { loadOrCreateToken } from '../../src/server/token.js'
import { createClient, createLocalTestnet } from '../helpers/peers.js'
import { waitFor } from '../helpers/wait.js'
import type { Client } from '../../src/index.js'

const PORT = 7777
const HOST = `127.0.0.1:${PORT}`

async function api (client: Client) {
  const token = await loadOrCreateToken(client.storage)
  const app = await buildApp(client, { token, port: PORT })
  onTestFinished(() => app.close())
  return (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: unknown) =>
    app.inject({ method, url, headers: { host: HOST, authorization: `Bearer ${token}` }, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) })
}

it('links a device, lists and removes it, and maps the link errors', async () => {
  const testnet = await createLocalTestnet()
  const alice1 = await createClient(testnet, { account: true, name: 'alice' })
  const alice2 = await createClient(testnet, { account: true })
  const one = await api(alice1)
  const two = await api(alice2)

  const made = await one('POST', '/api/devices/link')
  expect(made.statusCode).toBe(201)
  const { code, expires } = made.json() as { code: string, expires: number }
  expect(code).toMatch(/^linkup-device:/)
  expect(expires).toBeGreaterThan(Date.now())

  expect((await two('POST', '/api/account/join', { code: 'hello' })).json()).toMatchObject({ statusCode: 400, code: 'INVITE_MALFORMED' })
  expect((await two('POST', '/api/account/join', { code, name: ' padded' })).statusCode).toBe(400)
  const joined = await two('POST', '/api/account/join', { code, name: 'laptop' })
  expect(joined.statusCode).toBe(200)
  expect(joined.json()).toMatchObject({ identity: alice1.identity, removed: false })

  const third = await createClient(testnet, { account: true })
  const used = await (await api(third))('POST', '/api/account/join', { code })
  expect(used.json()).toMatchObject({ statusCode: 410, code: 'INVITE_USED' })

  await waitFor(async () => ((await one('GET', '/api/devices')).json() as { devices: unknown[] }).devices.length === 2, { message: 'two devices listed' })
  const listed = (await one('GET', '/api/devices')).json() as { devices: Array<{ key: string, name: string, current: boolean }> }
  expect(listed.devices.find(d => !d.current)).toMatchObject({ key: alice2.peerKey, name: 'laptop' })

  expect((await one('DELETE', `/api/devices/${alice1.peerKey}`)).json()).toMatchObject({ code: 'NOT_ALLOWED' })
  expect((await one('DELETE', `/api/devices/${alice2.peerKey}`)).json()).toEqual({ ok: true })
  await waitFor(async () => ((await two('GET', '/api/devices')).json() as { removed: boolean }).removed, { message: 'alice2 told it was removed' })
})
