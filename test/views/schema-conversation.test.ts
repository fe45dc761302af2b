// The v3 events of conversation (views/schema-conversation.ts): what decodes, what does not.
import { test, expect } from 'vitest'
import { decodeEvent, encodeEvent, EVENT_VERSION, LIMITS } from '../../views/schema.js'
import { isEmoji } from '../../views/limits.js'

const enc = (o: unknown): Buffer => Buffer.from(JSON.stringify(o))
const key = 'ab'.repeat(32)
const other = 'cd'.repeat(32)
const id = key + ':7'

test('v4 is the newest version this build knows, and conversation events stay v3', () => {
  expect(EVENT_VERSION).toBe(4)
  expect(decodeEvent(enc({ type: 'reaction-added', v: 4, id, emoji: '👍' }))).toBeNull()
  expect(decodeEvent(enc({ type: 'reaction-added', v: 5, id, emoji: '👍' }))).toEqual({ kind: 'newer', v: 5 })
})

test('round-trips every v3 event of conversation', () => {
  const events = [
    { type: 'message-posted', v: 3, text: 'hi @bob', ts: 1, mentions: [other] },
    { type: 'message-posted', v: 3, text: 'plain', ts: 1, replyTo: id },
    { type: 'messages-posted', v: 3, messages: [{ text: 'a', ts: 1, mentions: [key, other] }, { text: 'b', ts: 2, replyTo: key + ':3.1' }] },
    { type: 'message-edited', v: 3, id, text: 'fixed', ts: 9 },
    { type: 'message-edited', v: 3, id: key + ':3.2', text: 'fixed @bob', ts: 9, mentions: [other] },
    { type: 'message-deleted', v: 3, id, ts: 9 },
    { type: 'reaction-added', v: 3, id, emoji: '👍' },
    { type: 'reaction-removed', v: 3, id, emoji: '👨‍👩‍👧‍👦' }
  ] as const
  for (const ev of events) expect(decodeEvent(encodeEvent(ev))).toEqual({ kind: 'event', event: ev })
})

test('a v1 or v2 posting never carries mentions: an old build would drop them unseen', () => {
  expect(decodeEvent(enc({ type: 'message-posted', v: 1, text: 'x', ts: 1, mentions: [key] }))).toEqual({ kind: 'event', event: { type: 'message-posted', v: 1, text: 'x', ts: 1 } })
  // and the events of v3 exist only at v3
  expect(decodeEvent(enc({ type: 'message-edited', v: 2, id, text: 'x', ts: 1 }))).toBeNull()
  expect(decodeEvent(enc({ type: 'reaction-added', v: 1, id, emoji: '👍' }))).toBeNull()
  expect(decodeEvent(enc({ type: 'room-created', v: 3, alias: 'x' }))).toBeNull()
})

test('refuses bad targets, texts, mentions and emoji', () => {
  const bad = [
    { type: 'message-edited', v: 3, id: 'nope', text: 'x', ts: 1 },
    { type: 'message-edited', v: 3, id, text: '  ', ts: 1 },
    { type: 'message-edited', v: 3, id, text: 'x'.repeat(LIMITS.textChars + 1), ts: 1 },
    { type: 'message-edited', v: 3, id, text: 'x' },
    { type: 'message-edited', v: 3, id, text: 'x', ts: 1, mentions: [] },
    { type: 'message-deleted', v: 3, id: key, ts: 1 },
    { type: 'message-deleted', v: 3, id },
    { type: 'message-posted', v: 3, text: 'x', ts: 1, mentions: [key, key] },
    { type: 'message-posted', v: 3, text: 'x', ts: 1, mentions: ['AB'.repeat(32)] },
    { type: 'message-posted', v: 3, text: 'x', ts: 1, mentions: key },
    { type: 'message-posted', v: 3, text: 'x', ts: 1, mentions: Array.from({ length: LIMITS.mentions + 1 }, (_, i) => i.toString(16).padStart(64, '0')) },
    { type: 'messages-posted', v: 3, messages: [{ text: 'ok', ts: 1 }, { text: 'x', ts: 1, mentions: [1] }] },
    { type: 'reaction-added', v: 3, id, emoji: '' },
    { type: 'reaction-added', v: 3, id, emoji: '👍'.repeat(17) },
    { type: 'reaction-added', v: 3, id, emoji: 'x'.repeat(10 * 1024) },
    { type: 'reaction-added', v: 3, id, emoji: '__proto__' },
    { type: 'reaction-added', v: 3, id, emoji: '+1' },
    { type: 'reaction-added', v: 3, id, emoji: '👍 ' },
    { type: 'reaction-added', v: 3, id, emoji: '\u202e👍' },
    { type: 'reaction-added', v: 3, id, emoji: '\ud83d' },
    { type: 'reaction-removed', v: 3, id, emoji: 42 }
  ]
  for (const ev of bad) expect(decodeEvent(enc(ev)), JSON.stringify(ev).slice(0, 120)).toBeNull()
})

test('an emoji is a few bytes of non-ASCII without controls, spaces or bidi overrides', () => {
  for (const e of ['👍', '❤️', '🇫🇷', '1️⃣', '🏳️‍🌈', '🧑🏻‍❤️‍💋‍🧑🏼', '✓', 'é']) expect(isEmoji(e), e).toBe(true)
  for (const e of ['', 'a', 'ok', '👍\n', '\u200b👍', '\u2066👍', '👍'.repeat(17), null, 3]) expect(isEmoji(e), String(e)).toBe(false)
})
