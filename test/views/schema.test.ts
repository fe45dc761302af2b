import { test, expect } from 'vitest'
import { decodeEvent, encodeEvent, LIMITS } from '../../views/schema.js'

const enc = (o: unknown): Buffer => Buffer.from(JSON.stringify(o))
const key = 'ab'.repeat(32)

test('round-trips every event type', () => {
  const events = [
    { type: 'room-created', v: 1, alias: 'general' },
    { type: 'invite-created', v: 1, pub: key, expires: 5 },
    { type: 'invite-revoked', v: 1, pub: key },
    { type: 'member-joined', v: 1, invite: key, sig: 'cd'.repeat(64), ts: 1 },
    { type: 'member-removed', v: 1, key },
    { type: 'profile-set', v: 1, name: 'alice', avatar: { mime: 'image/png', data: 'aGk=' }, drive: key },
    { type: 'message-posted', v: 1, text: 'hi', ts: 1, replyTo: key + ':3' },
    { type: 'messages-posted', v: 2, messages: [{ text: 'a', ts: 1 }, { text: 'b', ts: 2, replyTo: key + ':3.1' }] },
    { type: 'file-posted', v: 1, ts: 1, drive: key, path: '/files/1/a.txt', name: 'a.txt', mime: 'text/plain', size: 3, version: 4 },
    { type: 'audio-posted', v: 1, ts: 1, drive: key, path: '/files/2/v.webm', name: 'v.webm', mime: 'audio/webm', size: 3, duration: 1500 }
  ] as const
  for (const ev of events) expect(decodeEvent(encodeEvent(ev))).toEqual({ kind: 'event', event: ev })
})

test('drops unknown fields and refuses what does not fit', () => {
  expect(decodeEvent(enc({ type: 'message-posted', v: 1, text: 'x', ts: 1, author: key }))).toEqual({ kind: 'event', event: { type: 'message-posted', v: 1, text: 'x', ts: 1 } })
  const bad = [
    { type: 'message-posted', v: 1, text: '', ts: 1 },
    { type: 'message-posted', v: 1, text: ' \n\t ', ts: 1 },
    { type: 'message-posted', v: 1, text: 'x'.repeat(LIMITS.textChars + 1), ts: 1 },
    { type: 'message-posted', v: 1, text: 'x', ts: -1 },
    { type: 'message-posted', v: 1, text: 'x', ts: 1, replyTo: 'nope' },
    { type: 'profile-set', v: 1, name: ' padded ' },
    { type: 'profile-set', v: 1, name: 'bell\u0007' },
    { type: 'profile-set', v: 1, name: 'x', avatar: { mime: 'image/svg+xml', data: 'aGk=' } },
    { type: 'file-posted', v: 1, ts: 1, drive: key, path: 'relative', name: 'a', mime: 'text/plain', size: 1 },
    { type: 'file-posted', v: 1, ts: 1, drive: key, path: '/a', name: 'a', mime: 'text/html; charset=utf-8', size: 1 },
    { type: 'member-joined', v: 1, invite: key, sig: 'short', ts: 1 },
    { type: 'room-created', v: 1.5, alias: 'x' },
    { v: 1 }
  ]
  for (const ev of bad) expect(decodeEvent(enc(ev))).toBeNull()
  expect(decodeEvent(Buffer.alloc(LIMITS.blockBytes + 1, 0x20))).toBeNull()
  expect(decodeEvent(null)).toBeNull()
})

test('a newer version is recognised as such', () => {
  expect(decodeEvent(enc({ type: 'whatever', v: 7 }))).toEqual({ kind: 'newer', v: 7 })
})

test('messages-posted is never v1, holds 1 to 256 valid messages, and is refused whole for one bad entry', () => {
  const m = { text: 'x', ts: 1 }
  expect(decodeEvent(enc({ type: 'messages-posted', v: 2, messages: Array(LIMITS.packedMessages).fill(m) }))?.kind).toBe('event')
  const bad = [
    { type: 'messages-posted', v: 1, messages: [m] },
    { type: 'messages-posted', v: 2, messages: [] },
    { type: 'messages-posted', v: 2, messages: Array(LIMITS.packedMessages + 1).fill(m) },
    { type: 'messages-posted', v: 2, messages: [m, { text: ' ', ts: 1 }] },
    { type: 'messages-posted', v: 2, messages: [m, { text: 'x', ts: 1, replyTo: key + ':1.1000' }] },
    { type: 'messages-posted', v: 2, messages: [m, null] },
    { type: 'messages-posted', v: 2, messages: 'x' },
    { type: 'message-posted', v: 2, text: 'x', ts: 1 } // every other type stays at v1
  ]
  for (const ev of bad) expect(decodeEvent(enc(ev)), JSON.stringify(ev).slice(0, 80)).toBeNull()
})
