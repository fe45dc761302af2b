// The peer channel's decoders (src/network/peer-messages.ts): a peer may send anything, and
// only checked fields come through; anything malformed is dropped, never thrown on.
import { test, expect } from 'vitest'
import { readClock, readNotices, readPresence, readProof, readVerdict, MAX_NOTICES, MAX_PRESENT } from '../../src/network/peer-messages.js'

const k = (c: string): string => c.repeat(64)
const sig = 'ab'.repeat(64)
// what c.json decodes: JSON.parse makes "__proto__" an own key, never the prototype
const hostile: unknown[] = [null, undefined, 0, 'x', [], {}, { token: 5 }, JSON.parse('{"__proto__":{"admitted":true,"clock":{},"notices":[]}}')]

test('a proof: hex keys and a 64-byte signature, an invite ticket only when whole', () => {
  expect(readProof({ token: 't', writer: k('a'), publicKey: k('b'), sig, extra: 'dropped' })).toEqual({ writer: k('a'), publicKey: k('b'), sig })
  expect(readProof({ writer: k('a'), publicKey: k('b'), sig, ticket: { invite: k('c'), sig } })).toEqual({ writer: k('a'), publicKey: k('b'), sig, ticket: { invite: k('c'), sig } })
  expect(readProof({ writer: k('a'), publicKey: k('b'), sig, ticket: null })).toBeNull()
  expect(readProof({ writer: k('a'), publicKey: k('b'), sig, ticket: { invite: k('c') } })).toBeNull()
  expect(readProof({ writer: k('A'), publicKey: k('b'), sig })).toBeNull()
  expect(readProof({ writer: k('a'), publicKey: k('b'), sig: sig.slice(2) })).toBeNull()
  for (const m of hostile) expect(readProof(m)).toBeNull()
})

test('a verdict: admitted or refused, with a notice and an invite refusal only when well formed', () => {
  expect(readVerdict({ admitted: true, reason: 'removed' })).toEqual({ admitted: true })
  expect(readVerdict({ admitted: false, reason: 'anything' })).toEqual({ admitted: false, reason: 'refused' })
  const notice = { by: k('a'), publicKey: k('b'), sig }
  expect(readVerdict({ admitted: false, reason: 'removed', notice, invite: 'expired' })).toEqual({ admitted: false, reason: 'removed', notice, invite: 'expired' })
  expect(readVerdict({ admitted: false, notice: { ...notice, sig: 'zz' }, invite: 'toString' })).toEqual({ admitted: false, reason: 'refused' })
  expect(readVerdict({ admitted: 'yes' })).toBeNull()
  for (const m of hostile) expect(readVerdict(m)).toBeNull()
})

test('a clock keeps only hex writers with whole seqs', () => {
  expect(readClock({ token: 't', clock: { [k('a')]: 3, [k('b')]: 1.5, nothex: 2, [k('c')]: '4' } })).toEqual({ token: 't', clock: { [k('a')]: 3 } })
  expect(readClock({ token: 't', clock: null })).toBeNull()
  expect(readClock({ clock: {} })).toBeNull()
  for (const m of hostile) expect(readClock(m)).toBeNull()
})

test('notices: the well formed ones, none past the cap', () => {
  const good = { removed: k('d'), by: k('a'), publicKey: k('b'), sig }
  expect(readNotices({ notices: [good, null, 7, { ...good, removed: 'x' }, { ...good, extra: 1 }] })).toEqual([good, good])
  expect(readNotices({ notices: Array.from({ length: MAX_NOTICES + 1 }, () => good) })).toBeNull()
  expect(readNotices({ notices: 'many' })).toBeNull()
  for (const m of hostile) expect(readNotices(m)).toBeNull()
})

test('presence: only hex writer keys, nothing past the cap', () => {
  expect(readPresence({ token: 't', writers: [k('a'), k('A'), 'x', 5, null, k('b')], extra: 1 })).toEqual({ token: 't', writers: [k('a'), k('b')] })
  expect(readPresence({ token: 't', writers: Array.from({ length: MAX_PRESENT + 1 }, () => k('a')) })).toBeNull()
  expect(readPresence({ token: 't', writers: 'everyone' })).toBeNull()
  for (const m of hostile) expect(readPresence(m)).toBeNull()
})
