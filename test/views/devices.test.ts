// One person, several devices (views/devices.ts, docs/architecture.md §16.2, §16.6) on the
// recording host: given these blocks, then this view. Hostile blocks are skipped and counted.
import { test, expect } from 'vitest'
import crypto from 'hypercore-crypto'
import { createHarness, type Harness } from './host.js'
import { signDeviceCert, type DeviceCert } from '../../views/device-cert.js'

const hex = (b: Buffer): string => b.toString('hex')
type KeyPair = { publicKey: Buffer, secretKey: Buffer }

const owner = crypto.keyPair().publicKey

interface Room {
  h: Harness
  /** A v3 join of writer `who` from `device`, with an invite the owner makes. */
  joinV3: (who: Buffer, device?: KeyPair) => Promise<void>
  /** A v4 join of writer `who` for identity `I` from `device`, certified by `by`. */
  joinV4: (who: Buffer, I: KeyPair, device: KeyPair, by?: KeyPair) => Promise<string>
  skipped: () => Promise<number>
}

async function room (): Promise<Room> {
  const h = await createHarness(owner)
  await h.append(owner, { type: 'room-created', v: 1, alias: 'r' })
  const invite = async (): Promise<KeyPair> => {
    const kp = crypto.keyPair()
    await h.append(owner, { type: 'invite-created', v: 1, pub: hex(kp.publicKey) })
    return kp
  }
  return {
    h,
    async joinV3 (who, device = crypto.keyPair()) {
      const inv = await invite()
      await h.append(who, { type: 'member-joined', v: 3, invite: hex(inv.publicKey), sig: hex(crypto.sign(who, inv.secretKey)), ts: 1, device: hex(device.publicKey), deviceSig: hex(crypto.sign(who, device.secretKey)) }, { optimistic: true })
    },
    async joinV4 (who, I, device, by = I) {
      const inv = await invite()
      await h.append(who, {
        type: 'member-joined', v: 4, invite: hex(inv.publicKey), sig: hex(crypto.sign(who, inv.secretKey)), ts: 1,
        device: hex(device.publicKey), deviceSig: hex(crypto.sign(who, device.secretKey)),
        identity: hex(I.publicKey), cert: signDeviceCert(by, hex(I.publicKey), hex(device.publicKey))
      }, { optimistic: true })
      return hex(inv.publicKey)
    },
    skipped: async () => (await h.get('meta/skipped') as number | null) ?? 0
  }
}

function bound (I: KeyPair, device: KeyPair, writer: Buffer, cert?: DeviceCert, deviceKey: KeyPair = device): Record<string, unknown> {
  return {
    type: 'device-bound', v: 4, identity: hex(I.publicKey), device: hex(device.publicKey),
    cert: cert ?? signDeviceCert(I, hex(I.publicKey), hex(device.publicKey)),
    deviceSig: hex(crypto.sign(writer, deviceKey.secretKey)), ts: 1
  }
}

const removed = (I: KeyPair, device: KeyPair, writer: Buffer) => ({ type: 'device-removed', v: 4, identity: hex(I.publicKey), device: hex(device.publicKey), writer: hex(writer), publicKey: 'ee'.repeat(32), sig: 'ff'.repeat(64) })
const say = (text: string) => ({ type: 'message-posted', v: 1, text, ts: 1 })

/** alice (identity I) in the room with two devices: d1 joined on writer w1, d2 bound on w2. */
async function aliceOnTwoDevices (r: Room): Promise<{ alice: KeyPair, I: string, d1: KeyPair, d2: KeyPair, w1: Buffer, w2: Buffer }> {
  const alice = crypto.keyPair()
  const [d1, d2] = [crypto.keyPair(), crypto.keyPair()]
  const [w1, w2] = [crypto.keyPair().publicKey, crypto.keyPair().publicKey]
  await r.joinV4(w1, alice, d1)
  await r.h.append(w2, bound(alice, d2, w2), { optimistic: true })
  return { alice, I: hex(alice.publicKey), d1, d2, w1, w2 }
}

test('a v4 join makes the identity the member; a second device binds with no invite and writes as it', async () => {
  const r = await room()
  const alice = crypto.keyPair()
  const [d1, d2] = [crypto.keyPair(), crypto.keyPair()]
  const [w1, w2] = [crypto.keyPair().publicKey, crypto.keyPair().publicKey]
  await r.joinV4(w1, alice, d1)
  const I = hex(alice.publicKey)
  expect(await r.h.get('member/' + I)).toMatchObject({ role: 'member', device: hex(d1.publicKey), signer: hex(w1) })
  expect(await r.h.get('member/' + hex(w1))).toBe(null)
  expect(await r.h.get('writer/' + hex(w1))).toEqual({ identity: I, device: hex(d1.publicKey) })
  expect(r.h.host.writers.has(hex(w1))).toBe(true)
  // the second device, certified by the first (not by I), binds optimistically
  await r.h.append(w2, bound(alice, d2, w2, signDeviceCert(d1, I, hex(d2.publicKey))), { optimistic: true })
  expect(await r.h.get('device/' + hex(d2.publicKey))).toEqual({ identity: I, by: hex(d1.publicKey), writer: hex(w2) })
  expect(r.h.host.writers.has(hex(w2))).toBe(true)
  await r.h.append(w2, say('from the second device'))
  await r.h.append(w2, { type: 'profile-set', v: 3, name: 'alice' })
  expect(await r.h.get('user/' + I)).toEqual({ name: 'alice' })
  expect(await r.h.get('msg/000000000000')).toMatchObject({ author: hex(w2), text: 'from the second device' })
  expect(await r.skipped()).toBe(0)
})

test('reactions count one per identity, and any device of the author edits', async () => {
  const r = await room()
  const { alice, w1, w2 } = await aliceOnTwoDevices(r)
  await r.h.append(w1, say('hi'))
  const id = hex(w1) + ':1'
  await r.h.append(w1, { type: 'reaction-added', v: 3, id, emoji: '👍' })
  await r.h.append(w2, { type: 'reaction-added', v: 3, id, emoji: '👍' }) // the same person again: skipped
  expect((await r.h.get('msg/000000000000') as { reactions: unknown }).reactions).toEqual({ '👍': [hex(alice.publicKey)] })
  await r.h.append(w2, { type: 'message-edited', v: 3, id, text: 'hello', ts: 2 })
  expect(await r.h.get('msg/000000000000')).toMatchObject({ text: 'hello', edited: 2 })
  expect(await r.skipped()).toBe(1)
})

test('migration: a member writer binding itself moves its record, role, admin place and profile to the identity', async () => {
  const r = await room()
  const bob = crypto.keyPair().publicKey
  await r.joinV3(bob)
  await r.h.append(owner, { type: 'role-set', v: 3, key: hex(bob), role: 'admin' })
  await r.h.append(bob, { type: 'profile-set', v: 3, name: 'bob' })
  await r.h.append(owner, { type: 'profile-set', v: 3, name: 'olga' })
  const olga = crypto.keyPair()
  const od = crypto.keyPair()
  await r.h.append(owner, bound(olga, od, owner)) // the owner's own writer moves to its identity
  const O = hex(olga.publicKey)
  expect(await r.h.get('member/' + hex(owner))).toBe(null)
  expect(await r.h.get('member/' + O)).toEqual({ role: 'owner', signer: hex(owner) })
  expect(await r.h.get('user/' + O)).toEqual({ name: 'olga' })
  expect(await r.h.get('meta/room')).toEqual({ alias: 'r', owner: O })
  expect(await r.h.get('meta/admins')).toEqual([O, hex(bob)])
  // the owner still owns: it may promote, remove, hand over
  await r.h.append(owner, say('still here'))
  const cat = crypto.keyPair().publicKey
  await r.joinV3(cat)
  await r.h.append(owner, { type: 'role-set', v: 3, key: hex(cat), role: 'admin' })
  expect(await r.h.get('meta/admins')).toEqual([O, hex(bob), hex(cat)])
  expect([...r.h.host.indexers].sort()).toEqual([hex(owner), hex(bob), hex(cat)].sort()) // signers are writers
  // a second identity claiming the bound writer is refused
  const mallory = crypto.keyPair()
  const before = await r.skipped()
  await r.h.append(owner, bound(mallory, crypto.keyPair(), owner))
  expect(await r.h.get('meta/room')).toEqual({ alias: 'r', owner: O })
  expect(await r.skipped()).toBe(before + 1)
})

test('hostile blocks are skipped and counted, never thrown', async () => {
  const r = await room()
  const alice = crypto.keyPair()
  const d1 = crypto.keyPair()
  const w1 = crypto.keyPair().publicKey
  await r.joinV4(w1, alice, d1)
  const I = hex(alice.publicKey)
  let skipped = await r.skipped()
  const refused = async (writer: Buffer, block: unknown): Promise<void> => {
    await r.h.append(writer, block, { optimistic: true })
    expect(await r.h.get('writer/' + hex(writer))).toBe(null)
    expect(r.h.host.writers.has(hex(writer))).toBe(false)
    expect(await r.skipped()).toBe(++skipped)
  }
  // a certificate by a key that is neither I nor a device of I
  const mallory = crypto.keyPair()
  const d2 = crypto.keyPair()
  const wm = crypto.keyPair().publicKey
  await refused(wm, bound(alice, d2, wm, signDeviceCert(mallory, I, hex(d2.publicKey))))
  // forged: a signature that is not by `by`
  const forged = { by: I, sig: signDeviceCert(mallory, I, hex(d2.publicKey)).sig }
  const w = crypto.keyPair().publicKey
  await refused(w, bound(alice, d2, w, forged))
  // the device signed another writer key (a block replayed from another room)
  const elsewhere = crypto.keyPair().publicKey
  await refused(crypto.keyPair().publicKey, bound(alice, d2, elsewhere))
  // an identity that is no member here
  const stranger = crypto.keyPair()
  const w3 = crypto.keyPair().publicKey
  await refused(w3, bound(stranger, d2, w3))
  // an optimistic message from a device that is not bound
  await refused(crypto.keyPair().publicKey, say('let me in'))
  // garbage in every field
  await refused(crypto.keyPair().publicKey, { type: 'device-bound', v: 4, identity: I, device: 'x', cert: null, deviceSig: 1, ts: -1 })
})

test('a removed device is out: its writer, device and the certificates it made stop counting', async () => {
  const r = await room()
  const alice = crypto.keyPair()
  const [d1, d2, d3] = [crypto.keyPair(), crypto.keyPair(), crypto.keyPair()]
  const [w1, w2, w3] = [crypto.keyPair().publicKey, crypto.keyPair().publicKey, crypto.keyPair().publicKey]
  await r.joinV4(w1, alice, d1)
  const I = hex(alice.publicKey)
  await r.h.append(w2, bound(alice, d2, w2), { optimistic: true })
  await r.h.append(w2, say('before'))
  // bob, a plain member, may not remove alice's device
  const bob = crypto.keyPair().publicKey
  await r.joinV3(bob)
  await r.h.append(bob, removed(alice, d2, w2))
  expect(await r.h.get('device/' + hex(d2.publicKey))).not.toBe(null)
  await r.h.append(w1, removed(alice, d2, w2)) // alice's other device may
  expect(await r.h.get('device/' + hex(d2.publicKey))).toBe(null)
  expect(await r.h.get('ban-device/' + hex(d2.publicKey))).toEqual({ by: hex(w1) })
  expect(await r.h.get('ban/' + hex(w2))).toMatchObject({ by: hex(w1), notice: { publicKey: 'ee'.repeat(32) } })
  expect(await r.h.get('writer/' + hex(w2))).toEqual({ identity: I, device: hex(d2.publicKey), removed: true })
  expect(r.h.host.writers.has(hex(w2))).toBe(false)
  const skipped = await r.skipped()
  await r.h.append(w2, say('after')) // its later writes are refused everywhere
  await r.h.append(w2, { type: 'profile-set', v: 3, name: 'not alice' })
  expect(await r.h.get('msg/000000000001')).toBe(null)
  expect(await r.skipped()).toBe(skipped + 2)
  // a certificate the removed device signs is worthless, and the device cannot come back
  await r.h.append(w3, bound(alice, d3, w3, signDeviceCert(d2, I, hex(d3.publicKey))), { optimistic: true })
  expect(await r.h.get('writer/' + hex(w3))).toBe(null)
  const w4 = crypto.keyPair().publicKey
  await r.h.append(w4, bound(alice, d2, w4), { optimistic: true }) // banned device, fresh writer, valid cert by I
  expect(await r.h.get('writer/' + hex(w4))).toBe(null)
  // its message before the removal keeps its author's binding
  expect(await r.h.get('msg/000000000000')).toMatchObject({ author: hex(w2), text: 'before' })
})

test('an admin identity\'s signer moves to its next device when its signing device is removed', async () => {
  const r = await room()
  const { alice, I, d1, w1, w2 } = await aliceOnTwoDevices(r)
  const b = crypto.keyPair().publicKey
  await r.joinV3(b)
  await r.h.append(owner, { type: 'role-set', v: 3, key: I, role: 'admin' })
  await r.h.append(owner, { type: 'role-set', v: 3, key: hex(b), role: 'admin' })
  expect([...r.h.host.indexers].sort()).toEqual([hex(owner), hex(w1), hex(b)].sort())
  await r.h.append(w2, removed(alice, d1, w1))
  expect(await r.h.get('member/' + I)).toMatchObject({ role: 'admin', signer: hex(w2) })
  expect([...r.h.host.indexers].sort()).toEqual([hex(owner), hex(w2), hex(b)].sort())
})

test('removing an identity removes every device of it', async () => {
  const r = await room()
  const { I, d1, d2, w1, w2 } = await aliceOnTwoDevices(r)
  await r.h.append(owner, { type: 'member-removed', v: 3, key: I, publicKey: 'ee'.repeat(32), sig: 'ff'.repeat(64) })
  expect(await r.h.get('member/' + I)).toBe(null)
  for (const d of [d1, d2]) expect(await r.h.get('ban-device/' + hex(d.publicKey))).not.toBe(null)
  for (const w of [w1, w2]) {
    expect(await r.h.get('ban/' + hex(w))).not.toBe(null)
    expect(r.h.host.writers.has(hex(w))).toBe(false)
  }
  const skipped = await r.skipped()
  await r.h.append(w2, say('still?'))
  expect(await r.skipped()).toBe(skipped + 1)
})

test('a room with no v4 block reads as before: writers are their own identity', async () => {
  const r = await room()
  const bob = crypto.keyPair().publicKey
  await r.joinV3(bob)
  await r.h.append(bob, say('hi'))
  await r.h.append(bob, { type: 'reaction-added', v: 3, id: hex(bob) + ':1', emoji: '👍' })
  expect(await r.h.get('member/' + hex(bob))).toMatchObject({ role: 'member' })
  expect((await r.h.get('msg/000000000000') as { reactions: unknown }).reactions).toEqual({ '👍': [hex(bob)] })
  expect(await r.skipped()).toBe(0)
})

test('a device writes with one writer in a room, and a bound writer cannot join again as itself', async () => {
  const r = await room()
  const alice = crypto.keyPair()
  const d1 = crypto.keyPair()
  const [w1, w2] = [crypto.keyPair().publicKey, crypto.keyPair().publicKey]
  await r.joinV4(w1, alice, d1)
  const skipped = await r.skipped()
  await r.h.append(w2, bound(alice, d1, w2), { optimistic: true }) // the same device, a second writer
  expect(await r.h.get('writer/' + hex(w2))).toBe(null)
  await r.joinV3(w1) // alice's writer joining as a member of its own
  expect(await r.h.get('member/' + hex(w1))).toBe(null)
  expect(await r.skipped()).toBe(skipped + 2)
  // the same binding again (a block applied twice after a crash) changes nothing and is not skipped
  await r.h.applyAt([{ from: w1, seq: 5, value: bound(alice, d1, w1) }])
  expect(await r.skipped()).toBe(skipped + 2)
})
