import { test, expect } from 'vitest'
import { decodeEvent, encodeEvent, EVENT_VERSION, type RoomEvent } from '../../views/schema.js'

const enc = (o: unknown): Buffer => Buffer.from(JSON.stringify(o))
const key = 'ab'.repeat(32)
const sig = 'cd'.repeat(64)

test('v3 trust events round-trip', () => {
  expect(EVENT_VERSION).toBe(4)
  const events: RoomEvent[] = [
    { type: 'role-set', v: 3, key, role: 'admin' },
    { type: 'role-set', v: 3, key, role: 'member' },
    { type: 'ownership-transferred', v: 3, key },
    { type: 'member-removed', v: 3, key, publicKey: key, sig },
    { type: 'member-joined', v: 3, invite: key, sig, ts: 1, device: key, deviceSig: sig }
  ]
  for (const ev of events) expect(decodeEvent(encodeEvent(ev))).toEqual({ kind: 'event', event: ev })
})

test('v3 trust events refuse what does not fit, and v1 types are not v3', () => {
  const bad = [
    { type: 'role-set', v: 3, key, role: 'owner' }, // ownership moves only by a handover
    { type: 'role-set', v: 3, key: 'AB'.repeat(32), role: 'admin' },
    { type: 'role-set', v: 1, key, role: 'admin' },
    { type: 'ownership-transferred', v: 3 },
    { type: 'member-removed', v: 3, key: key.slice(2) },
    { type: 'member-joined', v: 3, invite: key, sig, ts: 1 }, // v3 names the device
    { type: 'member-joined', v: 3, invite: key, sig, ts: 1, device: key, deviceSig: 'short' },
    { type: 'file-posted', v: 3, ts: 1 }, // (message-posted and profile-set are at v3 too: mentions, clean names)
    { type: 'room-created', v: 3, alias: 'x' }
  ]
  for (const ev of bad) expect(decodeEvent(enc(ev))).toBeNull()
  expect(decodeEvent(enc({ type: 'role-set', v: 4, key, role: 'admin' }))).toBeNull() // v4 has only the device events
  expect(decodeEvent(enc({ type: 'role-set', v: 5, key, role: 'admin' }))).toEqual({ kind: 'newer', v: 5 })
})
