// The UI's pure parts of trust: finding the member ~remove names (ui/resolve-member.ts) and
// describing invites (ui/invite-options.ts).
import { describe, expect, it } from 'vitest'
import { resolveMember } from '../../ui/resolve-member.js'
import { expiryText, madeText, parseInviteArgs, usesText } from '../../ui/invite-options.js'
import type { Member } from '../../ui/types.js'

const member = (key: string, name: string, extra: Partial<Member> = {}): Member => ({
  key: key.padEnd(64, '0'), name, role: 'member', hasAvatar: false, online: true, fingerprint: key.slice(0, 4),
  lookalikes: [], hiddenCharacters: false, nickname: null, verified: false, ...extra
})

describe('resolveMember', () => {
  const alice = member('5495aa', 'alice')
  const bob = member('0b0b', 'bob', { nickname: 'Robert' })
  it('finds a member by name, nickname or fingerprint', () => {
    expect(resolveMember([alice, bob], '@alice')).toEqual({ ok: true, member: alice })
    expect(resolveMember([alice, bob], 'ALICE')).toEqual({ ok: true, member: alice })
    expect(resolveMember([alice, bob], '@Robert')).toEqual({ ok: true, member: bob })
    expect(resolveMember([alice, bob], '@0b0b')).toEqual({ ok: true, member: bob })
    expect(resolveMember([alice, bob], '@carol')).toEqual({ ok: false, message: 'No member is called carol' })
  })

  it('refuses a name two members could be, listing their fingerprints; a fingerprint picks one', () => {
    const copy = member('eb9caa', 'alice')
    const a = { ...alice, lookalikes: [copy.key] }
    const c = { ...copy, lookalikes: [alice.key] }
    const r = resolveMember([a, c, bob], '@alice')
    expect(r.ok).toBe(false)
    expect(r.ok ? '' : r.message).toBe('2 members could be "alice": alice · 5495, alice · eb9c. Say which with the fingerprint, e.g. ~remove @5495')
    expect(resolveMember([a, c, bob], '@alice · eb9c')).toEqual({ ok: true, member: c })
    expect(resolveMember([a, c, bob], '@eb9c')).toEqual({ ok: true, member: c })
  })

  it('counts a lookalike (a Cyrillic а) as another member the name could mean', () => {
    const cyr = member('eb9caa', '\u0430lice', { lookalikes: [alice.key] })
    const r = resolveMember([{ ...alice, lookalikes: [cyr.key] }, cyr], '@alice')
    expect(r.ok ? '' : r.message).toMatch(/^2 members could be "alice": alice · 5495, \u0430lice · eb9c/)
  })
})

describe('invite options', () => {
  it('parses ~invite words and refuses the rest', () => {
    expect(parseInviteArgs('1d')).toEqual({ expiresInMs: 86_400_000 })
    expect(parseInviteArgs('once never')).toEqual({ uses: 1 })
    expect(parseInviteArgs('once once')).toBeNull()
    expect(parseInviteArgs('tomorrow')).toBeNull()
  })

  it('describes expiry and uses in words', () => {
    const now = 1_000_000_000_000
    expect(expiryText(null, now)).toBe('never expires')
    expect(expiryText(now + 6.5 * 86_400_000, now)).toBe('expires in 6 days')
    expect(expiryText(now + 5 * 3_600_000, now)).toBe('expires in 5 hours')
    expect(expiryText(now + 40 * 60_000, now)).toBe('expires in 40 minutes')
    expect(expiryText(now - 1, now)).toBe('expired')
    expect(usesText({ usesLeft: 1 })).toBe('1 use left')
    expect(usesText({ usesLeft: null })).toBe('no limit on uses')
    expect(madeText({ uses: 1, expiresInMs: 3_600_000 }, now)).toBe('single use, expires in 60 minutes')
  })
})
