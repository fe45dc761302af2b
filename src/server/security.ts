// The local node is reachable only from this machine, by this user's browser (docs/architecture.md §9).
// - Host must be 127.0.0.1:<port> or localhost:<port>: a DNS-rebound name is refused (403); so
//   is an Origin that is not one of those.
// - Everything under /api/ needs a credential, checked in onRequest, before any handler or body
//   parsing runs (401): the page's session cookie (src/server/session.ts), or the access token
//   in `Authorization: Bearer <token>` (scripts). A page on another site cannot set that header
//   without a CORS preflight, and we answer no preflight.
// - The cookie is SameSite=Strict, so another site's requests carry none; but a page on another
//   port of this machine is the same site, and its requests do carry it. Those that can read
//   an answer or change anything (fetch, XHR, form posts) carry its Origin: 403. What is left
//   (an image, a script, a link followed) says `Sec-Fetch-Site: same-site`, and the cookie
//   counts only from a request that says `same-origin`, or says nothing (no browser).
// - Every response carries a CSP that allows only our own scripts, so even a sanitiser bug
//   cannot run a peer's inline script.
import { timingSafeEqual } from 'node:crypto'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Sessions } from './session.js'

export interface SecurityOptions {
  token: string
  sessions: Sessions
  /** The port the browser uses; read per request because it is known only after listen. */
  port: () => number
}

export const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'"
].join('; ')

const HEADERS: Record<string, string> = {
  'content-security-policy': CSP,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin'
}

export function hostAllowed (host: string | undefined, port: number): boolean {
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`
}

export function tokenMatches (header: string | undefined, token: string): boolean {
  if (typeof header !== 'string' || !header.startsWith('Bearer ')) return false
  const given = Buffer.from(header.slice(7))
  const expected = Buffer.from(token)
  return given.length === expected.length && timingSafeEqual(given, expected)
}

/** True when the path, however it is spelt, lies under /api. Routing decodes %xx, so do we. */
export function isApiPath (url: string): boolean {
  let path = url.split('?')[0] ?? ''
  try { path = decodeURIComponent(path) } catch { return true }
  path = path.replace(/\/{2,}/g, '/').toLowerCase()
  return path === '/api' || path.startsWith('/api/')
}

/** The session cookie counts only on a request from our own page (or from no browser at all). */
function sameOrigin (req: FastifyRequest): boolean {
  const site = req.headers['sec-fetch-site']
  return site === undefined || site === 'same-origin'
}

function deny (reply: FastifyReply, status: number, code: string, message: string): FastifyReply {
  return reply.code(status).type('application/json').send({ statusCode: status, code, message })
}

export function registerSecurity (app: FastifyInstance, opts: SecurityOptions): void {
  app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    for (const [name, value] of Object.entries(HEADERS)) reply.header(name, value)
    // Node keeps the first of several Host lines; a proxy may use another. RFC 9112 §3.2: 400.
    if (req.raw.rawHeaders.filter((_, i) => i % 2 === 0 && _.toLowerCase() === 'host').length > 1) {
      return deny(reply, 400, 'BAD_HOST', 'More than one Host header')
    }
    if (!hostAllowed(req.headers.host, opts.port())) {
      return deny(reply, 403, 'FORBIDDEN_HOST', 'This server answers only to 127.0.0.1 and localhost')
    }
    const origin = req.headers.origin
    if (origin !== undefined && !hostAllowed(origin.replace(/^http:\/\//, ''), opts.port())) {
      return deny(reply, 403, 'FORBIDDEN_ORIGIN', 'Cross-origin requests are not allowed')
    }
    const isPublic = (req.routeOptions.config as { public?: boolean } | undefined)?.public === true
    if (!isApiPath(req.url) && isPublic) return
    if (tokenMatches(req.headers.authorization, opts.token)) return
    const session = sameOrigin(req) ? opts.sessions.check(req.headers.cookie) : null
    if (session === null) {
      return deny(reply, 401, 'UNAUTHORIZED', 'No session: open the link that `linkup serve` printed (each works once)')
    }
    if (session === 'renew') reply.header('set-cookie', opts.sessions.header(opts.sessions.create()))
  })
}
