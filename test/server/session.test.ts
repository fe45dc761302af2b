// One-time login codes and signed session cookies (src/server/session.ts), on their own.
import { describe, expect, it } from 'vitest'
import { CODE_TTL_MS, LoginCodes, SESSION_TTL_MS, Sessions, readCookie } from '../../src/server/session.js'

describe('login codes', () => {
  it('work once, and only within ten minutes', () => {
    const codes = new LoginCodes()
    const now = Date.now()
    const a = codes.issue(now)
    expect(a).toMatch(/^[0-9a-f]{32}$/)
    expect(codes.use(a, now + 1000)).toBe(true)
    expect(codes.use(a, now + 2000)).toBe(false)
    const b = codes.issue(now)
    expect(codes.use(b, now + CODE_TTL_MS)).toBe(false)
    expect(codes.use(b, now)).toBe(false) // an expired code is gone, not kept for later
    expect(codes.use(undefined)).toBe(false)
  })

  it('keep at most 64 waiting, the oldest going first', () => {
    const codes = new LoginCodes()
    const all = Array.from({ length: 70 }, () => codes.issue())
    expect(codes.use(all[0])).toBe(false)
    expect(codes.use(all[69])).toBe(true)
  })
})

describe('session cookies', () => {
  it('are signed under the access token, last 30 days, and are renewed after a day', () => {
    const sessions = new Sessions('a'.repeat(64))
    const now = Date.now()
    const header = (value: string) => `other=1; ${sessions.name}=${value}; x=y`
    expect(sessions.check(header(sessions.create(now)), now)).toBe('valid')
    expect(sessions.check(header(sessions.create(now - 2 * 24 * 3600_000)), now)).toBe('renew')
    expect(sessions.check(header(sessions.create(now - SESSION_TTL_MS - 1)), now)).toBeNull()
    // Same token, same key: a restarted node honours its cookies. Another token does not.
    expect(new Sessions('a'.repeat(64)).check(header(sessions.create(now)), now)).toBe('valid')
    expect(new Sessions('b'.repeat(64)).check(header(sessions.create(now)), now)).toBeNull()
    expect(new Sessions('b'.repeat(64)).name).not.toBe(sessions.name)
    expect(sessions.header('v')).toBe(`${sessions.name}=v; HttpOnly; SameSite=Strict; Path=/; Max-Age=2592000`)
    expect(readCookie(undefined, 'x')).toBeNull()
    expect(readCookie('a=1;b=2', 'b')).toBe('2')
  })
})
