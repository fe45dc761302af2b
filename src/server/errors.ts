// One central error handler (fastify/demo style): a LinkUpError's code picks a 4xx status and
// its message passes through to the user; anything else is a 5xx with a generic message, logged
// in full here and never shown to the browser.
import type { FastifyError, FastifyInstance } from 'fastify'

const STATUS: Record<string, number> = {
  ROOM_NOT_FOUND: 404,
  NOT_FOUND: 404,
  MESSAGE_NOT_FOUND: 404,
  MEMBER_NOT_FOUND: 404,
  NO_PROFILE: 409,
  PROFILE_REQUIRED: 409,
  NOT_OWNER: 403,
  FORBIDDEN: 403,
  BANNED: 403,
  ALREADY_MEMBER: 409,
  ROOM_EXISTS: 409,
  INVITE_MALFORMED: 400,
  INVITE_EXPIRED: 410,
  INVITE_REVOKED: 410,
  INVITE_UNKNOWN: 404,
  JOIN_TIMEOUT: 504,
  TOO_LARGE: 413
}

/** The HTTP status for an error code, or undefined when the code is not a user's mistake. */
export function statusFor (code: string): number | undefined {
  if (STATUS[code] !== undefined) return STATUS[code]
  if (/_NOT_FOUND$/.test(code)) return 404
  if (/_TOO_(LONG|LARGE|BIG|MANY)$/.test(code)) return 413
  if (/^(INVALID|BAD)_|_(INVALID|MALFORMED)$/.test(code)) return 400
  return undefined
}

interface CodedError extends Error { code?: unknown, statusCode?: number, validation?: unknown }

/** Thrown by routes for errors found at the HTTP layer (unknown room, bad avatar bytes). */
export class HttpError extends Error {
  readonly code: string
  readonly statusCode: number
  constructor (statusCode: number, code: string, message: string) {
    super(message)
    this.name = 'HttpError'
    this.code = code
    this.statusCode = statusCode
  }
}

export function registerErrorHandler (app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | CodedError, req, reply) => {
    const e = err as CodedError
    if (e.validation !== undefined) {
      return reply.code(400).send({ statusCode: 400, code: 'BAD_REQUEST', message: 'Invalid request: ' + e.message })
    }
    if (e instanceof HttpError) {
      return reply.code(e.statusCode).send({ statusCode: e.statusCode, code: e.code, message: e.message })
    }
    const code = typeof e.code === 'string' ? e.code : undefined
    const mapped = code !== undefined && e.name === 'LinkUpError' ? statusFor(code) : undefined
    // Fastify's own 4xx errors (bad JSON, body too large, wrong content type) are the client's.
    const status = mapped ?? (e.statusCode !== undefined && e.statusCode >= 400 && e.statusCode < 500 ? e.statusCode : 500)
    if (status >= 500) {
      req.log.error({ err }, 'request failed')
      return reply.code(status).send({ statusCode: status, code: mapped !== undefined ? code : 'INTERNAL', message: 'Something went wrong in the local node; see its log' })
    }
    return reply.code(status).send({ statusCode: status, code: code ?? 'BAD_REQUEST', message: e.message })
  })
  app.setNotFoundHandler((req, reply) => {
    reply.code(404).send({ statusCode: 404, code: 'NOT_FOUND', message: `No such route: ${req.method} ${req.url.split('?')[0]}` })
  })
}
