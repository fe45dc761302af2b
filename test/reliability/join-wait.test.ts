// A join that waits (issue #13, item 6). With nobody online to admit the joiner, POST join was
// cut at the server's 30 s idle timeout, before the SDK's own 60 s; the page said "Joining…"
// for 120 s and then "Failed to fetch". A join now waits in the node: the request answers at
// once (202, a pending join), the outcome comes on the live stream, the page shows the wait,
// can cancel it, and says how it ended.
/// <reference lib="dom" />
import type { AddressInfo } from 'net'
import { describe, expect, it, onTestFinished } from 'vitest'
import { buildApp } from '../../src/server/app.js'
import { Client } from '../../src/index.js'
import { EventStream } from '../../bench/lib/sse.js'
import { createClient, createLocalTestnet, tmpStorage, type Testnet } from '../helpers/peers.js'
import { createNode } from '../helpers/nodes.js'
import { launchBrowser, openPage } from '../helpers/browser.js'
import { waitFor } from '../helpers/wait.js'
import { roomOpen } from '../browser/ui-flow.js'

const TOKEN = 'ef'.repeat(32)

/** A room whose only member (its owner) has gone offline, and an invite to it. */
async function roomWithNobodyOnline (testnet: Testnet): Promise<{ invite: string, id: string, owner: () => Promise<Client> }> {
  const storage = tmpStorage('owner')
  const alice = await createClient(testnet, { name: 'alice', storage })
  const room = await alice.createRoom('later')
  const invite = await room.createInvite()
  const id = room.id
  await alice.close()
  return { invite, id, owner: async () => await createClient(testnet, { storage }) }
}

describe('a join that waits', () => {
  it('over HTTP: answers at once and outlives the idle timeout; a member who comes online later admits it', async () => {
    const testnet = await createLocalTestnet()
    const { invite, id, owner } = await roomWithNobodyOnline(testnet)
    const bob = await createClient(testnet, { name: 'bob' })
    const app = await buildApp(bob, { token: TOKEN, timeouts: { idle: 2000 }, joinTimeout: 60_000 })
    await app.listen({ host: '127.0.0.1', port: 0 })
    onTestFinished(() => app.close())
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
    const headers = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }
    const started = Date.now()
    const res = await fetch(`${base}/api/rooms/join`, { method: 'POST', headers, body: JSON.stringify({ invite }) })
    expect(res.status).toBe(202)
    expect(Date.now() - started).toBeLessThan(2000)
    expect(await res.json()).toMatchObject({ id, state: 'waiting' })
    // Well past the idle timeout, the owner comes online and admits bob.
    await waitFor(() => Date.now() - started > 4000, { message: 'the idle timeout to pass', interval: 200 })
    const alice = await owner()
    expect(alice.rooms).toHaveLength(1)
    await waitFor(() => bob.rooms.length === 1, { timeout: 30_000, message: 'the join to succeed' })
    expect(bob.rooms.map(r => [r.id, r.alias])).toEqual([[id, 'later']])
    // Asked again: it is joined already.
    const again = await fetch(`${base}/api/rooms/join`, { method: 'POST', headers, body: JSON.stringify({ invite }) })
    expect(again.status).toBe(200)
    expect(await again.json()).toMatchObject({ id, state: 'joined', room: { alias: 'later' } })
  })

  it('over HTTP: the outcome comes on the live stream; JOIN_TIMEOUT is listed until dismissed; a join can be cancelled; a bad invite is refused at once', async () => {
    const testnet = await createLocalTestnet()
    const first = await roomWithNobodyOnline(testnet)
    const second = await roomWithNobodyOnline(testnet)
    const bob = await createClient(testnet, { name: 'bob' })
    const app = await buildApp(bob, { token: TOKEN, joinTimeout: 3000 })
    await app.listen({ host: '127.0.0.1', port: 0 })
    onTestFinished(() => app.close())
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
    const call = async (method: string, path: string, body?: unknown): Promise<{ status: number, json: () => Promise<unknown> }> =>
      await fetch(base + path, body === undefined
        ? { method, headers: { authorization: `Bearer ${TOKEN}` } }
        : { method, headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(body) })
    /** The joins a page opened now would show: the hello of a new live stream. */
    const shown = async (): Promise<Array<{ id: string, state: string, error?: { code: string } }>> => {
      const stream = new EventStream()
      const hello = new Promise<{ joins: [] }>((resolve) => stream.once('hello', ({ data }: { data: { joins: [] } }) => resolve(data)))
      await stream.open(base, TOKEN)
      stream.close()
      return (await hello).joins
    }

    const events = new EventStream()
    await events.open(base, TOKEN)
    onTestFinished(() => events.close())
    const outcomes: Array<{ id: string, state: string, error?: { code: string } }> = []
    events.on('join', ({ data }: { data: { join: { id: string, state: string } } }) => outcomes.push(data.join))

    const bad = await call('POST', '/api/rooms/join', { invite: 'linkup:nonsense' })
    expect(bad.status).toBe(400)
    expect(await bad.json()).toMatchObject({ code: 'INVITE_MALFORMED' })
    expect((await call('POST', '/api/rooms/join', { invite: first.invite })).status).toBe(202)
    expect((await call('POST', '/api/rooms/join', { invite: second.invite })).status).toBe(202)
    expect((await shown()).map(j => j.state)).toEqual(['waiting', 'waiting'])
    expect(await (await call('DELETE', `/api/rooms/join/${second.id}`)).json()).toMatchObject({ id: second.id, state: 'cancelled' })
    const failed = await waitFor(async () => {
      const joins = await shown()
      return joins.length === 1 && joins[0]?.state === 'failed' ? joins[0] : null
    }, { timeout: 20_000, interval: 250, message: 'the first join to time out' })
    expect(failed).toMatchObject({ id: first.id, error: { code: 'JOIN_TIMEOUT' } })
    expect(bob.rooms).toEqual([])
    expect(outcomes.map(o => [o.id, o.state, o.error?.code])).toEqual([
      [first.id, 'waiting', undefined], [second.id, 'waiting', undefined],
      [second.id, 'cancelled', 'JOIN_CANCELLED'], [first.id, 'failed', 'JOIN_TIMEOUT']
    ])
    expect((await call('DELETE', `/api/rooms/join/${first.id}`)).status).toBe(200)
    expect((await call('DELETE', `/api/rooms/join/${first.id}`)).status).toBe(404)
    expect(await shown()).toEqual([])
  })

  it('in the page: the wait shows, survives a reload, can be cancelled, says how it failed, and opens the room when it succeeds', async () => {
    const testnet = await createLocalTestnet()
    const { invite, owner } = await roomWithNobodyOnline(testnet)
    const node = await createNode(testnet, { name: 'bob', joinTimeout: 8000 })
    await node.client.setProfile({ name: 'Bob' })
    const browser = await launchBrowser()
    const bob = await openPage(browser, node.url)
    const rooms = bob.page.getByRole('navigation', { name: 'Rooms' })
    const join = async (): Promise<void> => {
      await bob.page.getByRole('button', { name: 'Join room' }).click()
      await bob.page.getByRole('textbox', { name: 'Invite' }).fill(invite)
      await bob.page.getByRole('button', { name: 'Join', exact: true }).click()
    }

    await join()
    const waiting = rooms.getByText('Waiting for a member to come online…')
    await waiting.waitFor()
    await bob.page.screenshot({ path: 'test/artifacts/join-waiting.png' })
    await bob.page.reload()
    await waiting.waitFor()
    await rooms.getByRole('button', { name: /^Cancel joining/ }).click()
    await waiting.waitFor({ state: 'detached' })

    await join()
    await waiting.waitFor()
    const why = rooms.getByText('No member of that room answered in time. Try again when one of them is online.')
    await why.waitFor({ timeout: 30_000 })
    await bob.page.screenshot({ path: 'test/artifacts/join-failed.png' })
    await rooms.getByRole('button', { name: /^Dismiss/ }).click()
    await why.waitFor({ state: 'detached' })
    expect(node.client.rooms).toEqual([])

    await join()
    await waiting.waitFor()
    await owner()
    await roomOpen(bob.page, 'later')
    expect(await waiting.count()).toBe(0)
    expect(bob.errors).toEqual([])
  })
})
