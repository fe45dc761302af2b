// Invites you control, on real peers: single-use and N-use invites counted in the view, revoked
// and expired ones refused with the right error, "only admins invite", and the live list the
// same on every member's device.
import { test, expect } from 'vitest'
import { createLocalTestnet, createClient } from '../helpers/peers.js'
import { waitFor, once } from '../helpers/wait.js'
import { inviteId, type Client, type Room } from '../../src/index.js'

async function refusal (client: Client, token: string): Promise<string> {
  const err = await client.joinRoom(token).then(() => null, (e: { code?: string }) => e)
  return err?.code ?? 'joined'
}

/** Waits until every room lists exactly these live invites (id → uses left). */
async function listed (rooms: Room[], expected: Record<string, number | null>): Promise<void> {
  const want = JSON.stringify(Object.entries(expected).sort())
  await waitFor(async () => {
    const lists = await Promise.all(rooms.map(async r => JSON.stringify((await r.invites()).map(i => [i.id, i.usesLeft]).sort())))
    return lists.every(l => l === want)
  }, { message: `the live invites ${want} on every device` })
}

test('three members: uses counted, revoked and expired refused, the live list right everywhere', async () => {
  const testnet = await createLocalTestnet()
  const [alice, bob, carol, dave, erin, fay] = await Promise.all(['alice', 'bob', 'carol', 'dave', 'erin', 'fay'].map(name => createClient(testnet, { name })))
  const room = await alice.createRoom('invites')
  const bobRoom = await bob.joinRoom(await room.createInvite({ uses: 1 }))
  const carolRoom = await carol.joinRoom(await room.createInvite({ uses: 1 }))
  const rooms = [room, bobRoom, carolRoom]
  await listed(rooms, {}) // both single-use invites used up: gone from every list

  // A single-use invite lets one person in; the next one is refused, and says why.
  const once1 = await room.createInvite({ uses: 1, expiresInMs: 3_600_000 })
  await listed(rooms, { [inviteId(once1)]: 1 })
  const [made] = await carolRoom.invites()
  expect(made).toMatchObject({ by: { key: room.identityKey, name: 'alice' }, uses: 1, usesLeft: 1 })
  expect(made?.expires).toBeGreaterThan(Date.now() + 3_500_000)
  expect(Math.abs((made?.created ?? 0) - Date.now())).toBeLessThan(60_000)
  await dave.joinRoom(once1)
  await listed(rooms, {})
  expect(await refusal(erin, once1)).toBe('INVITE_USED_UP')

  // A member's invite for two; a member may not revoke another's, the owner may.
  const twice = await bobRoom.createInvite({ uses: 2 })
  await listed(rooms, { [inviteId(twice)]: 2 })
  await expect(carolRoom.revokeInvite(inviteId(twice))).rejects.toMatchObject({ code: 'NOT_ADMIN' })
  const access = once(carolRoom, 'access')
  await room.revokeInvite(inviteId(twice))
  await access // carol's device hears that the invites changed
  await listed(rooms, {})
  expect(await refusal(erin, twice)).toBe('INVITE_REVOKED')

  // An expired invite is refused before anything is sent.
  const brief = await room.createInvite({ expiresInMs: 1 })
  const made1 = Date.now()
  await waitFor(() => Date.now() > made1 + 1, { message: 'the invite to expire' })
  expect(await refusal(erin, brief)).toBe('INVITE_EXPIRED')
  expect((await room.invites()).map(i => i.id)).not.toContain(inviteId(brief))

  // Only admins invite: the owner turns it on; a member can make none, and theirs stop admitting.
  const bobs = await bobRoom.createInvite()
  await listed(rooms, { [inviteId(bobs)]: null })
  expect([room.mayInvite, carolRoom.mayInvite]).toEqual([true, true])
  const policy = once<{ adminsOnly: boolean }>(carolRoom, 'invite-policy')
  await room.setInvitePolicy({ adminsOnly: true })
  await waitFor(async () => (await carolRoom.invitePolicy()).adminsOnly, { message: 'the policy on carol\'s device' })
  expect(await policy).toEqual({ adminsOnly: true })
  expect([room.mayInvite, carolRoom.mayInvite]).toEqual([true, false]) // the UI offers carol no invite
  await listed(rooms, {})
  await expect(carolRoom.createInvite()).rejects.toMatchObject({ code: 'NOT_ADMIN' })
  await expect(bobRoom.setInvitePolicy({ adminsOnly: false })).rejects.toMatchObject({ code: 'NOT_OWNER' })
  expect(await refusal(erin, bobs)).toBe('INVITE_NOT_ADMIN')
  await room.setInvitePolicy({ adminsOnly: false })
  await waitFor(() => carolRoom.mayInvite, { message: 'carol may invite again' })
  await listed(rooms, { [inviteId(bobs)]: null })
  const fayRoom = await fay.joinRoom(bobs)
  expect(fayRoom.alias).toBe('invites')
  expect((await room.members()).length).toBe(5)
}, 120_000)

test('two people race for a single-use invite: one gets in, the other is told it was used up', async () => {
  const testnet = await createLocalTestnet()
  const [alice, bob, dave, erin] = await Promise.all(['alice', 'bob', 'dave', 'erin'].map(name => createClient(testnet, { name })))
  const room = await alice.createRoom('race')
  await bob.joinRoom(await room.createInvite())
  const token = await room.createInvite({ uses: 1 })
  const outcomes = await Promise.all([dave, erin].map(c => refusal(c, token)))
  expect(outcomes.sort()).toEqual(['INVITE_USED_UP', 'joined'])
  await waitFor(async () => (await room.members()).length === 3, { message: 'three members' })
  const [record] = (await room.invites()).filter(i => i.id === inviteId(token))
  expect(record).toBeUndefined()
}, 120_000)
