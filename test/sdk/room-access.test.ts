// The verdicts of admission (src/trust/room-access.ts) against a view built block by block on
// the recording host: who may read a room on a connection, and which removal notices count.
import { test, expect } from 'vitest'
import crypto from 'hypercore-crypto'
import { createHarness } from '../views/host.js'
import { RoomAccess } from '../../src/trust/room-access.js'
import { RoomCores } from '../../src/trust/room-cores.js'
import type Corestore from 'corestore'
import { signNotice, signProof, writerKeyOf, type KeyPair } from '../../src/trust/proofs.js'
import type { Proof } from '../../src/network/peer-channel.js'
import { signDeviceCert } from '../../views/device-cert.js'

const hex = (b: Buffer): string => b.toString('hex')

interface Writer { keyPair: KeyPair, key: Buffer }
const writer = (): Writer => {
  const keyPair = crypto.keyPair()
  return { keyPair, key: writerKeyOf(keyPair.publicKey) }
}

const token = crypto.randomBytes(32)
const proofOf = (w: Writer, ticket?: { invite: KeyPair }): Proof => {
  const proof: Proof = { writer: hex(w.key), publicKey: hex(w.keyPair.publicKey), sig: hex(signProof(token, w.key, w.keyPair)) }
  if (ticket !== undefined) proof.ticket = { invite: hex(ticket.invite.publicKey), sig: hex(crypto.sign(w.key, ticket.invite.secretKey)) }
  return proof
}

async function room () {
  const owner = writer()
  const me = writer()
  const h = await createHarness(owner.key)
  await h.append(owner.key, { type: 'room-created', v: 1, alias: 'r' })
  const invite = async (by: Writer): Promise<KeyPair> => {
    const kp = crypto.keyPair()
    await h.append(by.key, { type: 'invite-created', v: 1, pub: hex(kp.publicKey) })
    return kp
  }
  const join = async (who: Writer, device: KeyPair): Promise<void> => {
    const kp = await invite(owner)
    await h.append(who.key, {
      type: 'member-joined', v: 3, invite: hex(kp.publicKey), sig: hex(crypto.sign(who.key, kp.secretKey)), ts: 1,
      device: hex(device.publicKey), deviceSig: hex(crypto.sign(who.key, device.secretKey))
    }, { optimistic: true })
  }
  const removedNotices: unknown[] = []
  const access = new RoomAccess({
    roomKey: () => owner.key,
    view: () => h.view,
    writerKey: () => me.key,
    keyPair: () => me.keyPair,
    cores: new RoomCores(null as unknown as Corestore), // holds nothing: no core is opened here
    onRemoved: (notice) => removedNotices.push(notice)
  })
  access.admins = new Set([hex(owner.key)])
  access.owner = hex(owner.key)
  return { h, owner, me, invite, join, access, removedNotices }
}

test('members are admitted, strangers refused, forged and reflected proofs refused', async () => {
  const { owner, me, join, access } = await room()
  const bob = writer()
  await join(bob, crypto.keyPair())
  const peer = { device: hex(crypto.keyPair().publicKey), token }
  expect(await access.judge(proofOf(bob), peer)).toEqual({ admitted: true })
  expect(await access.judge(proofOf(owner), peer)).toEqual({ admitted: true })
  expect(await access.judge(proofOf(writer()), peer)).toEqual({ admitted: false, reason: 'refused' })
  const forged = { ...proofOf(bob), sig: proofOf(writer()).sig }
  expect(await access.judge(forged, peer)).toEqual({ admitted: false, reason: 'refused' })
  const otherToken = { ...peer, token: crypto.randomBytes(32) } // a proof made for another connection
  expect(await access.judge(proofOf(bob), otherToken)).toEqual({ admitted: false, reason: 'refused' })
  expect(await access.judge(proofOf(me), peer)).toEqual({ admitted: false, reason: 'refused' })
})

test('a removed writer, and any new key from its device, are refused as removed; an admin\'s invite admits a fresh device', async () => {
  const { h, owner, invite, join, access } = await room()
  const bob = writer()
  const bobsDevice = crypto.keyPair()
  const carol = writer()
  await join(bob, bobsDevice)
  await join(carol, crypto.keyPair())
  const carols = await invite(carol) // made before the removal
  const sig = signNotice(owner.key, bob.key, owner.keyPair)
  await h.append(owner.key, { type: 'member-removed', v: 3, key: hex(bob.key), publicKey: hex(owner.keyPair.publicKey), sig: hex(sig) })

  const onBobsDevice = { device: hex(bobsDevice.publicKey), token }
  const elsewhere = { device: hex(crypto.keyPair().publicKey), token }
  expect(await access.judge(proofOf(bob), elsewhere)).toEqual({
    admitted: false, reason: 'removed', notice: { by: hex(owner.key), publicKey: hex(owner.keyPair.publicKey), sig: hex(sig) }
  })
  const bob2 = writer() // a new writer key, say from modified software, on the same device
  const owners = await invite(owner)
  expect(await access.judge(proofOf(bob2, { invite: owners }), onBobsDevice)).toEqual({ admitted: false, reason: 'removed' })
  const bob3 = writer() // a fresh device
  expect(await access.judge(proofOf(bob3, { invite: carols }), elsewhere)).toEqual({ admitted: false, reason: 'refused', invite: 'not-admin' })
  expect(await access.judge(proofOf(bob3, { invite: owners }), elsewhere)).toEqual({ admitted: true })
  expect(await access.judge(proofOf(bob3, { invite: crypto.keyPair() }), elsewhere)).toEqual({ admitted: false, reason: 'refused', invite: 'unknown' })
})

test('removal notices count only when they verify and their signer may remove that writer', async () => {
  const { owner, me, join, access, removedNotices } = await room()
  const bob = writer()
  const ann = writer()
  await join(bob, crypto.keyPair())
  await join(ann, crypto.keyPair())
  const notice = (by: Writer, removed: Buffer) => ({ removed: hex(removed), by: hex(by.key), publicKey: hex(by.keyPair.publicKey), sig: hex(signNotice(owner.key, removed, by.keyPair)) })

  expect(access.noticed([notice(ann, bob.key)])).toEqual([]) // ann is not an admin here
  expect(access.noticed([{ ...notice(owner, bob.key), sig: notice(owner, ann.key).sig }])).toEqual([]) // signed for another key
  expect(access.noticed([notice(bob, owner.key)])).toEqual([]) // nobody removes the owner
  access.admins.add(hex(ann.key))
  access.admins.add(hex(bob.key))
  expect(access.noticed([notice(ann, bob.key)])).toEqual([]) // an admin does not remove an admin
  const fresh = access.noticed([notice(owner, bob.key)])
  expect(fresh.map(n => n.removed)).toEqual([hex(bob.key)])
  expect(access.noticed([notice(owner, bob.key)])).toEqual([]) // known already
  // bob is refused at once, before this device's view says anything
  expect(await access.judge(proofOf(bob), { device: hex(crypto.keyPair().publicKey), token })).toMatchObject({ admitted: false, reason: 'removed' })
  expect(removedNotices).toEqual([])
  access.noticed([notice(owner, me.key)])
  expect(removedNotices).toHaveLength(1)
})

test('a certified new device of a member is admitted without an invite; forged, stranger\'s and removed devices are not', async () => {
  const { h, owner, access } = await room()
  const alice = crypto.keyPair()
  const I = hex(alice.publicKey)
  const [d1, d2, d3] = [crypto.keyPair(), crypto.keyPair(), crypto.keyPair()]
  const a1 = writer()
  const inv = crypto.keyPair()
  await h.append(owner.key, { type: 'invite-created', v: 1, pub: hex(inv.publicKey) })
  await h.append(a1.key, {
    type: 'member-joined', v: 4, invite: hex(inv.publicKey), sig: hex(crypto.sign(a1.key, inv.secretKey)), ts: 1,
    device: hex(d1.publicKey), deviceSig: hex(crypto.sign(a1.key, d1.secretKey)), identity: I, cert: signDeviceCert(alice, I, hex(d1.publicKey))
  }, { optimistic: true })
  // a bound writer counts as its identity, a member
  expect(await access.judge(proofOf(a1), { device: hex(d1.publicKey), token })).toEqual({ admitted: true })
  const withBinding = (w: Writer, device: KeyPair, cert: { by: string, sig: string }, identity = I): Proof => ({
    ...proofOf(w), binding: { identity, device: hex(device.publicKey), cert, deviceSig: hex(crypto.sign(w.key, device.secretKey)) }
  })
  const a2 = writer()
  const byFirstDevice = signDeviceCert(d1, I, hex(d2.publicKey))
  expect(await access.judge(withBinding(a2, d2, byFirstDevice), { device: hex(d2.publicKey), token })).toEqual({ admitted: true })
  // shown on another device's connection, forged, or for an identity that is no member here
  expect((await access.judge(withBinding(a2, d2, byFirstDevice), { device: hex(d3.publicKey), token })).admitted).toBe(false)
  expect((await access.judge(withBinding(a2, d2, { by: I, sig: byFirstDevice.sig }), { device: hex(d2.publicKey), token })).admitted).toBe(false)
  const stranger = crypto.keyPair()
  const strangers = signDeviceCert(stranger, hex(stranger.publicKey), hex(d2.publicKey))
  expect((await access.judge(withBinding(a2, d2, strangers, hex(stranger.publicKey)), { device: hex(d2.publicKey), token })).admitted).toBe(false)
  // alice's first device is removed: its certificates stop counting, and it is refused as removed
  await h.append(owner.key, { type: 'device-removed', v: 4, identity: I, device: hex(d1.publicKey), writer: hex(a1.key), publicKey: hex(owner.keyPair.publicKey), sig: hex(signNotice(owner.key, a1.key, owner.keyPair)) })
  expect((await access.judge(withBinding(a2, d2, byFirstDevice), { device: hex(d2.publicKey), token })).admitted).toBe(false)
  expect(await access.judge(proofOf(a1), { device: hex(d1.publicKey), token })).toMatchObject({ admitted: false, reason: 'removed' })
  expect(await access.judge(proofOf(writer()), { device: hex(d1.publicKey), token })).toMatchObject({ admitted: false, reason: 'removed' }) // by its network key
})
