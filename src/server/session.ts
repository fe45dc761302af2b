// How a browser gets in (docs/architecture.md §9). `linkup serve` prints a URL carrying a
// one-time login code in its fragment; the page trades the code for a session cookie and takes
// it out of the address bar. The URL stays in the browser's history, but its code has been
// used: whoever finds it there gets nothing (the access token itself once sat in that URL).
//
// - A code is 128 random bits, good once, for CODE_TTL_MS (10 minutes), kept in memory only:
//   a restart forgets the old ones and prints a new one.
// - A session cookie is `v1.<issued>.<nonce>.<hmac>`, signed with a key derived from the access
//   token (<storage>/token, 0600): nothing is stored per session, a restarted node still honours
//   its cookies, and a new token (delete the file) voids them all, with the file links.
//   HttpOnly, SameSite=Strict, Path=/, Max-Age 30 days, renewed once a day while in use. Its
//   name carries a hash of the key: cookies ignore ports, so two nodes on one machine (the demo)
//   each find their own.
// Scripts and bots keep using `Authorization: Bearer <token>` (src/server/security.ts).
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto'

export const CODE_TTL_MS = 10 * 60_000
export const SESSION_TTL_MS = 30 * 24 * 3600_000
const RENEW_AFTER_MS = 24 * 3600_000
const MAX_CODES = 64
const CODE = /^[0-9a-f]{32}$/

/** One-time login codes, in memory. */
export class LoginCodes {
  private readonly codes = new Map<string, number>()

  /** A new code, good once for CODE_TTL_MS. */
  issue (now = Date.now()): string {
    for (const [code, expires] of this.codes) if (expires <= now || this.codes.size >= MAX_CODES) this.codes.delete(code)
    const code = randomBytes(16).toString('hex')
    this.codes.set(code, now + CODE_TTL_MS)
    return code
  }

  /** True once for a code issued here and not yet expired; it is gone afterwards. */
  use (code: unknown, now = Date.now()): boolean {
    if (typeof code !== 'string' || !CODE.test(code)) return false
    const expires = this.codes.get(code)
    this.codes.delete(code)
    return expires !== undefined && expires > now
  }
}

export interface Cookie { name: string, value: string }

/** Signed session cookies, under a key derived from the access token. */
export class Sessions {
  private readonly key: Buffer
  /** This node's cookie name. */
  readonly name: string

  constructor (token: string) {
    this.key = createHmac('sha256', token).update('linkup sessions v1').digest()
    this.name = 'linkup_' + createHash('sha256').update(this.key).digest('hex').slice(0, 12)
  }

  create (now = Date.now()): string {
    const body = `v1.${now.toString(36)}.${randomBytes(12).toString('hex')}`
    return `${body}.${this.sign(body)}`
  }

  /** The Set-Cookie header for a new session. */
  header (value: string): string {
    return `${this.name}=${value}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${SESSION_TTL_MS / 1000}`
  }

  /** The session in a Cookie header: 'valid', 'renew' (valid, and a day old), or null. */
  check (cookieHeader: string | undefined, now = Date.now()): 'valid' | 'renew' | null {
    const value = readCookie(cookieHeader, this.name)
    if (value === null) return null
    const parts = value.split('.')
    if (parts.length !== 4 || parts[0] !== 'v1') return null
    const body = parts.slice(0, 3).join('.')
    const given = Buffer.from(parts[3] ?? '', 'hex')
    const expected = Buffer.from(this.sign(body), 'hex')
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null
    const issued = parseInt(parts[1] ?? '', 36)
    if (!Number.isSafeInteger(issued) || issued > now + 60_000 || now - issued > SESSION_TTL_MS) return null
    return now - issued > RENEW_AFTER_MS ? 'renew' : 'valid'
  }

  private sign (body: string): string {
    return createHmac('sha256', this.key).update(body).digest('hex')
  }
}

/** One cookie's value from a Cookie header (the first of that name), or null. */
export function readCookie (header: string | undefined, name: string): string | null {
  if (typeof header !== 'string') return null
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq !== -1 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim()
  }
  return null
}
