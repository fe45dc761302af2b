// Signed media links (src/server/files/links.ts, docs/architecture.md §7): a link names one file
// message of one room at one version, expires within LINK_TTL_MS, and only a holder of the
// access token can make one. It never carries the token.
import { describe, expect, it } from 'vitest'
import { FileLinks, LINK_TTL_MS, type LinkTarget } from '../../src/server/files/links.js'

const TOKEN = 'a'.repeat(64)
const ROOM = 'b'.repeat(64)
const NOW = 1_800_000_000_000
const target: LinkTarget = { room: ROOM, message: 'c'.repeat(64) + ':7', version: 3 }

/** The expiry and signature of a link, as the /media route reads them from its query. */
function parse (url: string): { path: string, v: string | null, exp: number, sig: string } {
  const u = new URL(url, 'http://127.0.0.1')
  return { path: u.pathname, v: u.searchParams.get('v'), exp: Number(u.searchParams.get('exp')), sig: u.searchParams.get('sig') ?? '' }
}

describe('FileLinks', () => {
  const links = new FileLinks(TOKEN)

  it('makes a /media link that verifies for its own target until it expires', () => {
    const { url, expires } = links.create(target, NOW)
    const link = parse(url)
    expect(link.path).toBe(`/media/${ROOM}/${encodeURIComponent(target.message)}`)
    expect(link.v).toBe('3')
    expect(link.exp).toBe(expires)
    expect(expires).toBe(NOW + LINK_TTL_MS)
    expect(url).not.toContain(TOKEN)
    expect(links.verify(target, link.exp, link.sig, NOW)).toBe(true)
    expect(links.verify(target, link.exp, link.sig, expires)).toBe(true)
    expect(links.verify(target, link.exp, link.sig, expires + 1)).toBe(false)
  })

  it('cannot be widened to another room, message or version, nor have its expiry moved', () => {
    const { sig, exp } = parse(links.create(target, NOW).url)
    expect(links.verify({ ...target, room: 'd'.repeat(64) }, exp, sig, NOW)).toBe(false)
    expect(links.verify({ ...target, message: 'c'.repeat(64) + ':8' }, exp, sig, NOW)).toBe(false)
    expect(links.verify({ ...target, version: 4 }, exp, sig, NOW)).toBe(false)
    expect(links.verify({ ...target, version: null }, exp, sig, NOW)).toBe(false)
    expect(links.verify(target, exp + 1, sig, NOW)).toBe(false)
    expect(links.verify(target, exp - 1, sig, NOW)).toBe(false)
  })

  it('a link without a version carries none and verifies only as such', () => {
    const unversioned = { ...target, version: null }
    const link = parse(links.create(unversioned, NOW).url)
    expect(link.v).toBeNull()
    expect(links.verify(unversioned, link.exp, link.sig, NOW)).toBe(true)
    expect(links.verify({ ...target, version: 0 }, link.exp, link.sig, NOW)).toBe(false)
  })

  it('another token, a malformed signature or an expiry beyond the lifetime is refused', () => {
    const { sig, exp } = parse(links.create(target, NOW).url)
    expect(new FileLinks('e'.repeat(64)).verify(target, exp, sig, NOW)).toBe(false)
    for (const bad of ['', sig.toUpperCase(), sig.slice(2), sig + '00', 'z'.repeat(64)]) {
      expect(links.verify(target, exp, bad, NOW), bad).toBe(false)
    }
    // A signature for an expiry further out than a link may live is not honoured, even if genuine.
    const far = parse(links.create(target, NOW + LINK_TTL_MS).url)
    expect(links.verify(target, far.exp, far.sig, NOW)).toBe(false)
    expect(links.verify(target, Number.NaN, sig, NOW)).toBe(false)
    expect(links.verify(target, 1.5, sig, NOW)).toBe(false)
  })
})
