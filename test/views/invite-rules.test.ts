// Invites you control (views/invite-rules.ts) on the recording host: given these blocks, then
// this view. Uses counted in log order, admins revoking, "only admins invite" from the owner.
import { test, expect } from 'vitest'
import crypto from 'hypercore-crypto'
import { createHarness, type Harness } from './host.js'

const hex = (b: Buffer): string => b.toString('hex')
const owner = crypto.keyPair().publicKey
const [ann, bob, cat, dan] = [1, 2, 3, 4].map(() => crypto.keyPair().publicKey)

interface Room {
  h: Harness
  invite: (by: Buffer, fields?: { uses?: number, expires?: number }) => Promise<{ publicKey: Buffer, secretKey: Buffer }>
  join: (who: Buffer, invite: { publicKey: Buffer, secretKey: Buffer }, ts?: number) => Promise<boolean>
  record: (invite: { publicKey: Buffer }) => Promise<Record<string, unknown> | null>
}

async function room (): Promise<Room> {
  const h = await createHarness(owner)
  await h.append(owner, { type: 'room-created', v: 1, alias: 'r' })
  const invite = async (by: Buffer, fields: { uses?: number, expires?: number } = {}) => {
    const kp = crypto.keyPair()
    await h.append(by, { type: 'invite-created', v: 3, pub: hex(kp.publicKey), ts: 5, ...fields })
    return kp
  }
  const join = async (who: Buffer, inv: { publicKey: Buffer, secretKey: Buffer }, ts = 10): Promise<boolean> => {
    const device = crypto.keyPair()
    await h.append(who, {
      type: 'member-joined',
      v: 3,
      invite: hex(inv.publicKey),
      sig: hex(crypto.sign(who, inv.secretKey)),
      ts,
      device: hex(device.publicKey),
      deviceSig: hex(crypto.sign(who, device.secretKey))
    }, { optimistic: true })
    return (await h.get('member/' + hex(who))) !== null
  }
  const record = async (inv: { publicKey: Buffer }) => await h.get('invite/' + hex(inv.publicKey)) as Record<string, unknown> | null
  return { h, invite, join, record }
}

test('a single-use invite admits one join; the next joiner with it is refused', async () => {
  const { invite, join, record } = await room()
  const once = await invite(owner, { uses: 1 })
  expect(await record(once)).toEqual({ by: hex(owner), ts: 5, uses: 1, used: 0 })
  expect(await join(ann, once)).toBe(true)
  expect(await record(once)).toMatchObject({ uses: 1, used: 1 })
  expect(await join(bob, once)).toBe(false)
  expect(await record(once)).toMatchObject({ used: 1 })
})

test('an N-use invite counts each join once; a second join block from a member consumes nothing', async () => {
  const { invite, join, record } = await room()
  const three = await invite(owner, { uses: 3 })
  expect(await join(ann, three)).toBe(true)
  expect(await join(ann, three)).toBe(true) // already in: passed over, no use
  expect(await join(bob, three)).toBe(true)
  expect(await record(three)).toMatchObject({ used: 2 })
  expect(await join(cat, three)).toBe(true)
  expect(await join(dan, three)).toBe(false)
  expect(await record(three)).toMatchObject({ uses: 3, used: 3 })
})

test('an unlimited v3 invite writes no count; expiry is judged by the join block\'s time', async () => {
  const { invite, join, record } = await room()
  const open = await invite(owner, { expires: 100 })
  expect(await join(ann, open, 99)).toBe(true)
  expect(await record(open)).toEqual({ by: hex(owner), ts: 5, expires: 100 })
  expect(await join(bob, open, 101)).toBe(false)
})

test('an admin revokes any invite; a member only their own; a revoked invite admits nobody', async () => {
  const { h, invite, join, record } = await room()
  expect(await join(ann, await invite(owner))).toBe(true)
  expect(await join(bob, await invite(owner))).toBe(true)
  const annsInvite = await invite(ann)
  const ownersInvite = await invite(owner)
  await h.append(bob, { type: 'invite-revoked', v: 3, pub: hex(ownersInvite.publicKey) }) // a member: not theirs
  expect(await record(ownersInvite)).not.toHaveProperty('revoked')
  await h.append(owner, { type: 'role-set', v: 3, key: hex(bob), role: 'admin' })
  await h.append(bob, { type: 'invite-revoked', v: 3, pub: hex(annsInvite.publicKey) }) // an admin: any
  expect(await record(annsInvite)).toMatchObject({ revoked: true })
  await h.append(ann, { type: 'invite-revoked', v: 3, pub: hex(annsInvite.publicKey) }) // already revoked
  expect(await join(cat, annsInvite)).toBe(false)
  expect(await h.get('meta/skipped')).toBe(3) // two revocations and the join
})

test('only admins invite: the owner turns it on and off; members\' invites neither made nor admitting meanwhile', async () => {
  const { h, invite, join, record } = await room()
  expect(await join(ann, await invite(owner))).toBe(true)
  const early = await invite(ann) // made before the policy
  await h.append(ann, { type: 'invite-policy-set', v: 3, adminsOnly: true }) // not the owner
  expect(await h.get('meta/invite-policy')).toBeNull()
  await h.append(owner, { type: 'invite-policy-set', v: 3, adminsOnly: true })
  expect(await h.get('meta/invite-policy')).toEqual({ adminsOnly: true, by: hex(owner) })
  const late = await invite(ann)
  expect(await record(late)).toBeNull() // a member may not make one now
  expect(await join(bob, early)).toBe(false) // nor does one made earlier admit
  expect(await join(cat, await invite(owner))).toBe(true)
  await h.append(owner, { type: 'invite-policy-set', v: 3, adminsOnly: false })
  expect(await join(bob, early)).toBe(true)
})

test('every v3 invite change moves meta/trust; v1 invites fold as before and move nothing', async () => {
  const { h, invite, join } = await room()
  const v1 = crypto.keyPair()
  await h.append(owner, { type: 'invite-created', v: 1, pub: hex(v1.publicKey) })
  await h.append(owner, { type: 'invite-revoked', v: 1, pub: hex(v1.publicKey) })
  expect(await h.get('invite/' + hex(v1.publicKey))).toEqual({ by: hex(owner), revoked: true })
  expect(await h.get('meta/trust')).toBeNull()
  const once = await invite(owner, { uses: 1 })
  const created = await h.get('meta/trust') as number
  expect(created).toBe(1)
  await join(ann, once) // the join (v3) and the use: two changes
  expect(await h.get('meta/trust')).toBe(created + 2)
})
