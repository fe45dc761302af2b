// How a file from a peer's drive goes out over HTTP without ever becoming active content in
// the UI's origin (docs/architecture.md §7, §9): only images, audio and video are shown inline; everything else
// is an attachment, and anything a browser could run as a page (HTML, SVG, XML) is sent as
// opaque bytes. `nosniff` is set for every response by src/server/security.ts. File names come
// from peers: they go into Content-Disposition only in quoted ASCII and RFC 5987 percent-encoding,
// made well-formed first (a peer's event may hold a lone surrogate, which no encoding can carry).
import { wellFormed } from '../../../views/limits.js'

const INLINE = /^(image|audio|video)\//
const ACTIVE = /html|xml|javascript|ecmascript|svg/

export interface Presentation {
  /** The Content-Type to send. */
  type: string
  /** The Content-Disposition to send. */
  disposition: string
}

export function presentation (mime: string, name: string, forceDownload = false): Presentation {
  const active = ACTIVE.test(mime)
  const type = active ? 'application/octet-stream' : mime
  const inline = !forceDownload && !active && INLINE.test(mime)
  return { type, disposition: contentDisposition(inline ? 'inline' : 'attachment', name) }
}

/** `attachment; filename="ascii"; filename*=UTF-8''percent-encoded` (RFC 6266 / RFC 5987). */
export function contentDisposition (kind: 'inline' | 'attachment', name: string): string {
  const ascii = name.replace(/[^A-Za-z0-9 ._()+,-]/g, '_').slice(0, 255) || 'file'
  const encoded = encodeURIComponent(wellFormed(name)).replace(/['()*]/g, c => '%' + c.charCodeAt(0).toString(16).toUpperCase())
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`
}

export type RangeResult = { kind: 'full' } | { kind: 'partial', start: number, end: number } | { kind: 'unsatisfiable' }

/**
 * One `bytes=` range against a size. A header that is not a single byte range is ignored (the
 * whole file is sent, as RFC 9110 allows); one that starts past the end is unsatisfiable.
 */
export function parseRange (header: string | undefined, size: number): RangeResult {
  if (header === undefined) return { kind: 'full' }
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim())
  if (m === null || (m[1] === '' && m[2] === '')) return { kind: 'full' }
  let start: number
  let end: number
  if (m[1] === '') {
    const suffix = Number(m[2])
    if (suffix === 0 || size === 0) return { kind: 'unsatisfiable' }
    start = Math.max(0, size - suffix)
    end = size - 1
  } else {
    start = Number(m[1])
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1)
    if (m[2] !== '' && Number(m[2]) < start) return { kind: 'full' } // invalid: ignore it
    if (start >= size) return { kind: 'unsatisfiable' }
  }
  return { kind: 'partial', start, end }
}
