import { describe, expect, it } from 'vitest'
import { notifiable, plan, BOT_MARKER } from '../../ui/notify-policy.js'
import type { Message } from '../../ui/types.js'

const ME = 'a'.repeat(64)
const BOB = 'b'.repeat(64)
const NOW = Date.UTC(2026, 11, 2, 12)

function msg (text: string, opts: Partial<Message> = {}): Message {
  return {
    id: `${BOB}:${Math.floor(Math.random() * 1e6)}`, type: 'text', author: { key: BOB, name: 'bob' }, text, replyTo: null, mentions: [],
    timestamp: NOW, edited: null, deleted: false, reactions: {}, position: 0, seen: true, ...opts
  }
}

describe('which messages notify', () => {
  const base = { me: ME, level: 'mentions' as const, hidden: true, active: true }
  it('mentions only by default; all with all; none with never', () => {
    expect(notifiable({ ...base, message: msg('hi') })).toBe(false)
    expect(notifiable({ ...base, message: msg('@me hi', { mentions: [ME] }) })).toBe(true)
    expect(notifiable({ ...base, level: 'all', message: msg('hi') })).toBe(true)
    expect(notifiable({ ...base, level: 'never', message: msg('@me', { mentions: [ME] }) })).toBe(false)
  })
  it('never own messages, bots\' or deleted ones', () => {
    expect(notifiable({ ...base, level: 'all', message: msg('mine', { author: { key: ME, name: 'me' }, mentions: [ME] }) })).toBe(false)
    expect(notifiable({ ...base, level: 'all', message: msg(BOT_MARKER + 'a bot', { mentions: [ME] }) })).toBe(false)
    expect(notifiable({ ...base, level: 'all', message: msg('', { deleted: true }) })).toBe(false)
  })
  it('only while the page is hidden or another room is open', () => {
    const m = msg('@me', { mentions: [ME] })
    expect(notifiable({ ...base, hidden: false, active: true, message: m })).toBe(false)
    expect(notifiable({ ...base, hidden: false, active: false, message: m })).toBe(true)
  })
  it('a burst, a sync or old messages make one summary', () => {
    const few = [msg('1'), msg('2')]
    expect(plan(few, ME, { syncing: false, now: NOW }).map(s => s.kind)).toEqual(['message', 'message'])
    expect(plan(few, ME, { syncing: true, now: NOW })).toMatchObject([{ kind: 'summary', count: 2 }])
    expect(plan([msg('old', { timestamp: NOW - 3600_000 })], ME, { syncing: false, now: NOW })).toMatchObject([{ kind: 'summary', count: 1 }])
    const many = Array.from({ length: 500 }, (_, i) => msg(String(i), i % 100 === 0 ? { mentions: [ME] } : {}))
    expect(plan(many, ME, { syncing: false, now: NOW })).toEqual([{ kind: 'summary', count: 500, mentions: 5, first: many[0] }])
    expect(plan([], ME, { syncing: false, now: NOW })).toEqual([])
  })
})
