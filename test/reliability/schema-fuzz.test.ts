// Fuzzing views/schema.ts decodeEvent: random bytes, random JSON and mutations of valid
// events. It must never throw, and whatever it lets through must satisfy an independent
// statement of the schema (the oracle below), re-encode to itself and stay within the limits.
import { test, expect } from 'vitest'
import fc from 'fast-check'
import { decodeEvent, encodeEvent, LIMITS } from '../../views/schema.js'
import { anyBlock, validEvent, mutatedEvent, json } from './arbitraries.js'
import { violations } from './schema-oracle.js'

const RUNS = process.env.LINKUP_LONG === '1' ? 50_000 : 3_000

function check (block: Uint8Array): void {
  let decoded: ReturnType<typeof decodeEvent>
  try {
    decoded = decodeEvent(block)
  } catch (err) {
    throw new Error(`decodeEvent threw on ${Buffer.from(block).toString('base64')}: ${String(err)}`)
  }
  if (decoded === null) return
  if (decoded.kind === 'newer') {
    expect(Number.isSafeInteger(decoded.v) && decoded.v > 1).toBe(true)
    return
  }
  expect(decoded.kind).toBe('event')
  expect(violations(decoded.event)).toEqual([])
  // canonical: what passed re-encodes and decodes to the same event, within the block cap
  const again = encodeEvent(decoded.event)
  expect(again.byteLength).toBeLessThanOrEqual(LIMITS.blockBytes)
  expect(decodeEvent(again)).toEqual(decoded)
}

test('decodeEvent never throws on arbitrary bytes and JSON, and only valid events pass', () => {
  fc.assert(fc.property(anyBlock(), (block) => { check(block) }), { numRuns: RUNS })
})

test('every valid event passes unchanged; mutated ones pass only if still valid', () => {
  fc.assert(fc.property(validEvent(), (ev) => {
    expect(violations(ev)).toEqual([])
    expect(decodeEvent(json(ev))).toEqual({ kind: 'event', event: ev })
  }), { numRuns: RUNS })
  let rejected = 0
  fc.assert(fc.property(mutatedEvent(), (block) => {
    check(block)
    if (decodeEvent(block) === null) rejected++
  }), { numRuns: RUNS })
  // the mutations are mostly harmful: a generator that only made valid events would test nothing
  expect(rejected).toBeGreaterThan(RUNS / 4)
})

test('hand-picked edge cases: prototype keys, lone surrogates, deep nesting, odd numbers', () => {
  const key = 'ab'.repeat(32)
  const cases: Array<[unknown, boolean]> = [
    [{ type: 'message-posted', v: 1, text: 'x', ts: 1, __proto__: { polluted: true } }, true],
    [{ type: 'message-posted', v: 1, text: '\ud800', ts: 1 }, true], // a lone surrogate is still text
    [{ type: 'message-posted', v: 1.5, text: 'x', ts: 1 }, false],
    [{ type: 'message-posted', v: '1', text: 'x', ts: 1 }, false],
    [{ type: 'message-posted', v: 1, text: 'x', ts: -1 }, false],
    [{ type: 'message-posted', v: 1, text: 'x', ts: 2 ** 53 }, false],
    [{ type: 'message-posted', v: 1, text: 'x', ts: 1, replyTo: key + ':1\n' }, false],
    [{ type: 'profile-set', v: 1, name: 'a\u0000b' }, false],
    [{ type: 'profile-set', v: 1, name: ' padded ' }, false],
    [{ type: 'file-posted', v: 1, ts: 1, drive: key, path: '/a', name: 'a\r\nSet-Cookie: x=1', mime: 'text/plain', size: 1 }, false],
    [{ type: 'file-posted', v: 1, ts: 1, drive: key, path: '/a', name: 'a', mime: 'text/html\r\nX: y', size: 1 }, false],
    [{ type: 'member-removed', v: 1, key: key.toUpperCase() }, false]
  ]
  for (const [value, valid] of cases) {
    const block = Buffer.from(JSON.stringify(value))
    check(block)
    expect(decodeEvent(block) !== null, JSON.stringify(value)).toBe(valid)
  }
  const prototypeKey = Buffer.from(`{"type":"message-posted","v":1,"text":"x","ts":1,"__proto__":{"type":"room-created"}}`)
  expect(decodeEvent(prototypeKey)).toMatchObject({ kind: 'event', event: { type: 'message-posted' } })
  expect(({} as Record<string, unknown>).type).toBeUndefined()
  const deep = Buffer.from('['.repeat(60_000) + ']'.repeat(60_000))
  expect(decodeEvent(deep)).toBeNull()
  const nested = Buffer.from('{"v":1,"type":"message-posted","ts":1,"text":' + '['.repeat(40_000) + ']'.repeat(40_000) + '}')
  expect(decodeEvent(nested)).toBeNull()
})
