// Roles, handover and removal (views/roles.ts, views/removals.ts) on the recording host: given
// these blocks, then this view and these indexers.
import { test, expect } from 'vitest'
import crypto from 'hypercore-crypto'
import { createHarness, type Harness } from './host.js'

const hex = (b: Buffer): string => b.toString('hex')
const owner = crypto.keyPair().publicKey
const [ann, bob, cat, dan] = [1, 2, 3, 4].map(() => crypto.keyPair().publicKey)

interface Room {
  h: Harness
  /** Joins `who` with a fresh invite made by `by` (v3 join, from `device` when given). */
  join: (who: Buffer, by?: Buffer, device?: { publicKey: Buffer, secretKey: Buffer }) => Promise<string>
  role: (who: Buffer) => Promise<string | null>
  indexers: () => string[]
}

async function room (): Promise<Room> {
  const h = await createHarness(owner)
  await h.append(owner, { type: 'room-created', v: 1, alias: 'r' })
  const join = async (who: Buffer, by = owner, device = crypto.keyPair()): Promise<string> => {
    const invite = crypto.keyPair()
    await h.append(by, { type: 'invite-created', v: 1, pub: hex(invite.publicKey) })
    await h.append(who, {
      type: 'member-joined',
      v: 3,
      invite: hex(invite.publicKey),
      sig: hex(crypto.sign(who, invite.secretKey)),
      ts: 1,
      device: hex(device.publicKey),
      deviceSig: hex(crypto.sign(who, device.secretKey))
    }, { optimistic: true })
    return hex(invite.publicKey)
  }
  const role = async (who: Buffer): Promise<string | null> => ((await h.get('member/' + hex(who))) as { role?: string } | null)?.role ?? null
  const indexers = (): string[] => [...h.host.indexers].sort()
  return { h, join, role, indexers }
}

const setRole = (key: Buffer, role: string) => ({ type: 'role-set', v: 3, key: hex(key), role })
// The remover's signed notice is checked by the removed device, not by apply: any will do here.
const notice = { publicKey: 'ee'.repeat(32), sig: 'ff'.repeat(64) }
const sorted = (...keys: Buffer[]): string[] => keys.map(hex).sort()

test('admins are the indexers: one, or the oldest three, never two', async () => {
  const { h, join, role, indexers } = await room()
  for (const who of [ann, bob, cat, dan]) await join(who)
  await h.append(owner, setRole(ann, 'admin'))
  expect(await role(ann)).toBe('admin')
  expect(indexers()).toEqual(sorted(owner)) // owner + ann: two would need both online
  await h.append(owner, setRole(bob, 'admin'))
  expect(indexers()).toEqual(sorted(owner, ann, bob))
  expect(await h.get('meta/admins')).toEqual([hex(owner), hex(ann), hex(bob)])
  await h.append(ann, setRole(cat, 'admin')) // an admin may promote a member
  await h.append(ann, setRole(dan, 'admin'))
  expect(indexers()).toEqual(sorted(owner, ann, bob)) // cat and dan wait their turn
  await h.append(owner, setRole(ann, 'member'))
  expect(indexers()).toEqual(sorted(owner, bob, cat)) // the next admin takes ann's place
  expect(h.host.writers.has(hex(ann))).toBe(true) // still a writer, no longer an indexer
})

test('who may set roles: not members, never on the owner; admins demote admins, first come first served', async () => {
  const { h, join, role } = await room()
  for (const who of [ann, bob, cat]) await join(who)
  await h.append(ann, setRole(bob, 'admin')) // a member cannot promote
  expect(await role(bob)).toBe('member')
  await h.append(owner, setRole(ann, 'admin'))
  await h.append(owner, setRole(bob, 'admin'))
  await h.append(ann, setRole(owner, 'member')) // nobody demotes the owner
  expect(await role(owner)).toBe('owner')
  // ann and bob demote each other: the first in the log wins, the second is no longer an admin
  await h.append(ann, setRole(bob, 'member'))
  await h.append(bob, setRole(ann, 'member'))
  expect(await role(bob)).toBe('member')
  expect(await role(ann)).toBe('admin')
  await h.append(ann, setRole(ann, 'member')) // an admin may step down
  expect(await role(ann)).toBe('member')
  await h.append(owner, setRole(dan, 'admin')) // not a member
  expect(await h.get('member/' + hex(dan))).toBeNull()
  expect(await h.get('meta/skipped')).toBe(4)
})

test('handover: the owner moves, the old owner stays an admin and loses the owner\'s powers', async () => {
  const { h, join, role, indexers } = await room()
  for (const who of [ann, bob, cat]) await join(who)
  await h.append(owner, setRole(ann, 'admin'))
  await h.append(owner, { type: 'ownership-transferred', v: 3, key: hex(bob) })
  expect(await h.get('meta/room')).toEqual({ alias: 'r', owner: hex(bob) })
  expect(await role(bob)).toBe('owner')
  expect(await role(owner)).toBe('admin')
  expect(indexers()).toEqual(sorted(owner, ann, bob))
  // The old owner can no longer hand over, or remove an admin.
  await h.append(owner, { type: 'ownership-transferred', v: 3, key: hex(owner) })
  await h.append(owner, { type: 'member-removed', v: 3, ...notice, key: hex(ann) })
  expect(await role(ann)).toBe('admin')
  expect(await role(bob)).toBe('owner')
  // The new owner can: demote the old owner, and remove it.
  await h.append(bob, setRole(owner, 'member'))
  expect(await role(owner)).toBe('member')
  await h.append(bob, { type: 'member-removed', v: 3, ...notice, key: hex(owner) })
  expect(h.host.writers.has(hex(owner))).toBe(false)
  expect(indexers()).toEqual(sorted(ann)) // ann and bob: one signer, the older
})

test('only the owner hands over, to a current member', async () => {
  const { h, join, role } = await room()
  await join(ann)
  await h.append(ann, { type: 'ownership-transferred', v: 3, key: hex(ann) })
  await h.append(owner, { type: 'ownership-transferred', v: 3, key: hex(dan) })
  expect(await role(owner)).toBe('owner')
  expect(await h.get('meta/room')).toEqual({ alias: 'r', owner: hex(owner) })
})

test('v3 removal: admins remove members, not admins; the owner removes admins and the indexers follow', async () => {
  const { h, join, role, indexers } = await room()
  for (const who of [ann, bob, cat]) await join(who)
  await h.append(owner, setRole(ann, 'admin'))
  await h.append(owner, setRole(bob, 'admin'))
  await h.append(ann, { type: 'member-removed', v: 3, ...notice, key: hex(bob) })
  expect(await role(bob)).toBe('admin')
  await h.append(cat, { type: 'member-removed', v: 3, ...notice, key: hex(ann) }) // a member cannot remove
  expect(await role(ann)).toBe('admin')
  await h.append(ann, { type: 'member-removed', v: 1, key: hex(cat) }) // v1 removals stay the owner's
  expect(await role(cat)).toBe('member')
  await h.append(ann, { type: 'member-removed', v: 3, ...notice, key: hex(cat) })
  expect(await role(cat)).toBeNull()
  expect(await h.get('ban/' + hex(cat))).toEqual({ by: hex(ann), notice })
  await h.append(owner, { type: 'member-removed', v: 3, ...notice, key: hex(ann) })
  expect(h.host.writers.has(hex(ann))).toBe(false)
  expect(await h.get('meta/admins')).toEqual([hex(owner), hex(bob)])
  expect(indexers()).toEqual(sorted(owner))
})

test('a v3 removal bans the device, revokes the invites the member made, and makes invites admins-only', async () => {
  const { h, join, role } = await room()
  const bobDevice = crypto.keyPair()
  await join(ann)
  const bobInvite = await join(bob, owner, bobDevice)
  // Bob, expecting the worst, makes an invite for later; ann makes one for a friend.
  const spare = crypto.keyPair()
  await h.append(bob, { type: 'invite-created', v: 1, pub: hex(spare.publicKey) })
  await h.append(owner, { type: 'member-removed', v: 3, ...notice, key: hex(bob) })
  expect(await h.get('ban-device/' + hex(bobDevice.publicKey))).toEqual({ by: hex(owner) })
  expect(await h.get('invite/' + bobInvite)).toMatchObject({ revoked: true })
  expect(await h.get('invite/' + hex(spare.publicKey))).toMatchObject({ revoked: true })
  expect(await h.get('meta/invite-policy')).toEqual({ adminsOnly: true, by: hex(owner) })

  const bob2 = crypto.keyPair().publicKey // bob again, same device, a new writer key
  await join(bob2, owner, bobDevice) // even with the owner's invite: the device is banned
  expect(await role(bob2)).toBeNull()
  const bob3 = crypto.keyPair().publicKey // bob on a fresh device, with ann's invite
  await join(bob3, ann)
  expect(await role(bob3)).toBeNull()
  await join(bob3, owner) // an admin lets him back
  expect(await role(bob3)).toBe('member')
})

test('a v3 join whose device signature does not verify is refused', async () => {
  const { h, role } = await room()
  const invite = crypto.keyPair()
  const victim = crypto.keyPair() // someone else's device, pinned on ann
  await h.append(owner, { type: 'invite-created', v: 1, pub: hex(invite.publicKey) })
  await h.append(ann, {
    type: 'member-joined', v: 3, invite: hex(invite.publicKey), sig: hex(crypto.sign(ann, invite.secretKey)), ts: 1,
    device: hex(victim.publicKey), deviceSig: hex(crypto.sign(ann, crypto.keyPair().secretKey))
  }, { optimistic: true })
  expect(await role(ann)).toBeNull()
})

test('the same blocks in any split across apply calls give the same roles and indexers', async () => {
  const a = await room()
  const b = await room()
  for (const r of [a, b]) {
    await r.join(ann)
    await r.join(bob)
  }
  const events = [
    setRole(ann, 'admin'),
    { type: 'ownership-transferred', v: 3, key: hex(ann) },
    setRole(bob, 'admin')
  ]
  for (const ev of events) await a.h.append(owner, ev)
  await b.h.appendBatch(owner, events)
  const dump = async (h: Harness): Promise<string[]> => {
    const out: string[] = []
    for await (const e of h.view.createReadStream({ gt: 'member/', lt: 'meta0' })) {
      out.push(e.key + ' ' + JSON.stringify(e.key.startsWith('member/') ? (e.value as { role: string }).role : e.value))
    }
    return out
  }
  // bob's promotion came from the old owner after the handover: an admin may promote.
  expect(await a.role(bob)).toBe('admin')
  expect(await dump(a.h)).toEqual(await dump(b.h))
  expect(a.indexers()).toEqual(b.indexers())
})
