// Signed links for files, so <img>, <audio> and <video> (which cannot send the Authorization
// header) can load a file, seek in it with Range requests and stream it, without the access
// token ever appearing in a URL. A link names one file message of one room at one version and
// expires; its signature is an HMAC under a key derived from the access token, so only a holder
// of the token (through the authenticated API) can make one, and a new token voids them all.
// The Host check (DNS rebinding) and no-CORS still apply to these URLs.
import { createHmac, timingSafeEqual } from 'node:crypto'
import { isHex32 } from '../../../views/limits.js'

export const LINK_TTL_MS = 30 * 60 * 1000

export interface LinkTarget { room: string, message: string, version: number | null }

export class FileLinks {
  private readonly key: Buffer

  constructor (token: string) {
    this.key = createHmac('sha256', token).update('linkup file links v1').digest()
  }

  /** A path like /media/<room>/<message id>?v=<version>&exp=<ms>&sig=<hex>. */
  create (target: LinkTarget, now = Date.now()): { url: string, expires: number } {
    const expires = now + LINK_TTL_MS
    const query = new URLSearchParams()
    if (target.version !== null) query.set('v', String(target.version))
    query.set('exp', String(expires))
    query.set('sig', this.sign(target, expires))
    return { url: `/media/${target.room}/${encodeURIComponent(target.message)}?${query.toString()}`, expires }
  }

  verify (target: LinkTarget, expires: number, sig: string, now = Date.now()): boolean {
    if (!Number.isSafeInteger(expires) || expires < now || expires > now + LINK_TTL_MS) return false
    const expected = Buffer.from(this.sign(target, expires), 'hex')
    const given = Buffer.from(isHex32(sig) ? sig : '', 'hex')
    return given.length === expected.length && timingSafeEqual(given, expected)
  }

  private sign (target: LinkTarget, expires: number): string {
    return createHmac('sha256', this.key)
      .update([target.room, target.message, target.version ?? '', expires].join('\n'))
      .digest('hex')
  }
}
