// The account base's projection, block by block (src/account/account-apply.ts): who may write,
// what a hostile writer's blocks do (nothing: skipped and counted), and the same view from the
// same blocks. Given blocks, then the view.
import { test, expect, onTestFinished } from 'vitest'
import fs from 'fs'
import os from 'os'
import path from 'path'
import crypto from 'hypercore-crypto'
import Corestore from 'corestore'
import type Hyperbee from 'hyperbee'
import { RecordingHost } from '../views/host.js'
import { applyAccount, openAccountView } from '../../src/account/account-apply.js'
import { encodeAccountEvent, type AccountEvent } from '../../src/account/account-schema.js'
import { signDeviceCert } from '../../views/device-cert.js'

const hex = (b: Buffer): string => b.toString('hex')

async function harness (): Promise<{ view: Hyperbee, host: RecordingHost, put: (from: Buffer, value: AccountEvent | Buffer) => Promise<void>, get: (k: string) => Promise<unknown> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linkup-account-view-'))
  const store = new Corestore(dir)
  onTestFinished(async () => {
    await store.close()
    fs.rmSync(dir, { recursive: true, force: true })
  })
  const view = openAccountView(store.namespace('view'))
  await view.ready()
  const first = crypto.randomBytes(32)
  const host = new RecordingHost(first)
  let length = 0
  return {
    view,
    host,
    put: async (from, value) => {
      const block = Buffer.isBuffer(value) ? value : encodeAccountEvent(value)
      await applyAccount([{ value: block, from: { key: from }, length: ++length, optimistic: false, indexed: true }], view, host)
    },
    get: async (k) => (await view.get(k))?.value ?? null
  }
}

function story () {
  const identity = crypto.keyPair()
  const I = hex(identity.publicKey)
  const d1 = crypto.keyPair()
  const d2 = crypto.keyPair()
  const w1 = crypto.randomBytes(32)
  const w2 = crypto.randomBytes(32)
  const created: AccountEvent = { type: 'account-created', v: 1, identity: I, device: hex(d1.publicKey), name: 'desk', cert: signDeviceCert(identity, I, hex(d1.publicKey)), ts: 1 }
  const linked: AccountEvent = { type: 'device-linked', v: 1, device: hex(d2.publicKey), writer: hex(w2), name: 'laptop', cert: signDeviceCert(d1, I, hex(d2.publicKey)), ts: 2 }
  return { identity, I, d1, d2, w1, w2, created, linked }
}

test('the first device creates the account; a device of it links the next, which becomes a writer and an indexer', async () => {
  const h = await harness()
  const s = story()
  await h.put(s.w1, s.created)
  await h.put(s.w1, s.linked)
  expect(await h.get('meta/account')).toEqual({ identity: s.I, devices: 2 })
  expect(await h.get('device/' + hex(s.d2.publicKey))).toEqual({ name: 'laptop', writer: hex(s.w2), linked: 2 })
  expect(await h.get('writer/' + hex(s.w2))).toEqual({ device: hex(s.d2.publicKey) })
  expect(h.host.indexers.has(hex(s.w2))).toBe(true)
  // The new device writes rooms and the profile.
  await h.put(s.w2, { type: 'room-added', v: 1, key: hex(crypto.randomBytes(32)), alias: 'general', named: false })
  await h.put(s.w2, { type: 'profile-set', v: 1, name: 'alice' })
  expect(await h.get('profile')).toEqual({ name: 'alice' })
  expect(await h.get('meta/skipped')).toBeNull()
})

test('hostile blocks change nothing and are counted: a second account-created, a forged certificate, a stranger writing, garbage', async () => {
  const h = await harness()
  const s = story()
  await h.put(s.w1, s.created)
  const other = crypto.keyPair()
  await h.put(s.w1, { ...s.created, identity: hex(other.publicKey), cert: signDeviceCert(other, hex(other.publicKey), hex(s.d1.publicKey)) })
  // A certificate by someone who is neither the identity nor a device of it.
  await h.put(s.w1, { ...s.linked, cert: signDeviceCert(other, s.I, hex(s.d2.publicKey)) })
  // A certificate for another device than the one linked.
  await h.put(s.w1, { ...s.linked, cert: signDeviceCert(s.d1, s.I, hex(other.publicKey)) })
  // A writer that is not a device of the account (it cannot be added by Autobase, but apply does not trust that).
  await h.put(crypto.randomBytes(32), { type: 'room-added', v: 1, key: hex(crypto.randomBytes(32)), alias: 'spam', named: true })
  await h.put(s.w1, Buffer.from('not json'))
  await h.put(s.w1, Buffer.from(JSON.stringify({ type: 'room-added', v: 1, key: 'zz', alias: 'x', named: true })))
  await h.put(s.w1, Buffer.from(JSON.stringify({ type: 'profile-set', v: 2, name: 'from the future' })))
  await h.put(s.w1, Buffer.from(JSON.stringify({ type: 'profile-set', v: 1, name: ' padded ' })))
  expect(await h.get('meta/account')).toEqual({ identity: s.I, devices: 1 })
  expect(await h.get('device/' + hex(s.d2.publicKey))).toBeNull()
  expect([...h.host.writers]).not.toContain(hex(s.w2))
  expect(await h.get('profile')).toBeNull()
  expect(await h.get('meta/skipped')).toBe(8)
})

test('removing a device: its writer goes, its records and certificates go, it is banned and cannot be linked again; never the last device', async () => {
  const h = await harness()
  const s = story()
  h.host.writers.add(hex(s.w1))
  h.host.indexers.add(hex(s.w1))
  await h.put(s.w1, s.created)
  await h.put(s.w1, s.linked)
  const d2 = hex(s.d2.publicKey)
  await h.put(s.w1, { type: 'device-removed', v: 1, device: d2, ts: 3 })
  expect(await h.get('device/' + d2)).toBeNull()
  expect(await h.get('writer/' + hex(s.w2))).toBeNull()
  expect(await h.get(`cert/${d2}/${hex(s.d1.publicKey)}`)).toBeNull()
  expect(await h.get('ban/' + d2)).toEqual({ by: hex(s.d1.publicKey), ts: 3 })
  expect(h.host.writers.has(hex(s.w2))).toBe(false)
  // The removed device's later blocks are not its account's any more.
  await h.put(s.w2, { type: 'profile-set', v: 1, name: 'stolen laptop' })
  expect(await h.get('profile')).toBeNull()
  // Linked again with the same device key: refused.
  await h.put(s.w1, { ...s.linked, writer: hex(crypto.randomBytes(32)) })
  expect(await h.get('device/' + d2)).toBeNull()
  // The last device cannot go.
  await h.put(s.w1, { type: 'device-removed', v: 1, device: hex(s.d1.publicKey), ts: 4 })
  expect(await h.get('device/' + hex(s.d1.publicKey))).not.toBeNull()
  expect(await h.get('meta/skipped')).toBe(3)
})

test('rooms: added, left, added again; the same blocks give the same view key for key', async () => {
  const s = story()
  const room = hex(crypto.randomBytes(32))
  const blocks: Array<[Buffer, AccountEvent]> = [
    [s.w1, s.created],
    [s.w1, { type: 'room-added', v: 1, key: room, encryptionKey: hex(crypto.randomBytes(32)), alias: 'general', named: true }],
    [s.w1, { type: 'room-left', v: 1, key: room }],
    [s.w1, { type: 'room-left', v: 1, key: room }]
  ]
  const a = await harness()
  const b = await harness()
  for (const [from, ev] of blocks) {
    await a.put(from, ev)
    await b.put(from, ev)
  }
  expect(await a.get('room/' + room)).toMatchObject({ alias: 'general', named: true, left: true })
  expect(await a.get('meta/skipped')).toBe(1)
  const dump = async (v: Hyperbee): Promise<unknown[]> => { const out: unknown[] = []; for await (const e of v.createReadStream()) out.push([e.key, e.value]); return out }
  expect(await dump(a.view)).toEqual(await dump(b.view))
  await a.put(s.w1, { type: 'room-added', v: 1, key: room, alias: 'general', named: true })
  expect((await a.get('room/' + room) as { left?: boolean }).left).toBeUndefined()
})
