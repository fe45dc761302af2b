// One central error handler (fastify/demo style): a LinkUpError's code picks a status and its
// message (written for people) passes through to the user; anything else is a 5xx with a
// generic message, logged in full here and never shown to the browser. A full disk that
// reaches here unworded is still a 507 DISK_FULL.
import type { FastifyError, FastifyInstance } from 'fastify'
import { errors, LinkUpError, type ErrorCode } from '../errors.js'
import { isNoSpace } from '../storage-errors.js'

// Every code the SDK throws, with its status: the compiler flags a new code left unmapped.
const STATUS: Record<ErrorCode, number> = {
  INVALID_ARGUMENT: 400,
  TOO_LARGE: 413,
  NOT_FOUND: 404,
  NOT_WRITABLE: 403,
  NOT_OWNER: 403,
  NOT_ALLOWED: 403,
  NOT_ADMIN: 403,
  LAST_ADMIN: 409,
  INVITE_MALFORMED: 400,
  INVITE_EXPIRED: 410,
  INVITE_REVOKED: 410,
  INVITE_USED_UP: 410,
  INVITE_UNKNOWN: 404,
  INVITE_NOT_ADMIN: 403,
  BANNED: 403,
  JOIN_TIMEOUT: 504,
  JOIN_CANCELLED: 409,
  CLOSED: 409,
  NEEDS_UPDATE: 409,
  FILE_UNAVAILABLE: 503,
  DISK_FULL: 507,
  STORAGE_IN_USE: 500,
  STORAGE_COPIED: 500,
  STORAGE_DAMAGED: 500,
  NOT_ENCRYPTED: 409,
  OPENING: 503,
  INVITE_USED: 410,
  LINK_REFUSED: 403,
  LINK_TIMEOUT: 504,
  DEVICE_REMOVED: 403,
  NO_IDENTITY: 409,
  DEVICE_REFUSED: 403,
  DEVICE_TIMEOUT: 504
}

export function statusFor (code: string): number | undefined {
  return Object.hasOwn(STATUS, code) ? STATUS[code as ErrorCode] : undefined
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
    // An error may come after a route set a file's headers: a file stream that fails before its
    // first byte (the entry is local, no peer online holds the bytes). The answer is JSON.
    for (const name of ['content-type', 'content-length', 'content-range', 'content-disposition']) reply.removeHeader(name)
    if (e.validation !== undefined) {
      return reply.code(400).send({ statusCode: 400, code: 'BAD_REQUEST', message: 'Invalid request: ' + e.message })
    }
    if (e instanceof HttpError) {
      return reply.code(e.statusCode).send({ statusCode: e.statusCode, code: e.code, message: e.message })
    }
    const worded = !(e instanceof LinkUpError) && isNoSpace(e) ? errors.diskFull('LinkUp\'s storage', NaN, 0) : e
    const code = typeof worded.code === 'string' ? worded.code : undefined
    const mapped = worded instanceof LinkUpError && code !== undefined ? statusFor(code) : undefined
    // Fastify's own 4xx errors (bad JSON, body too large, wrong content type) are the client's.
    const status = mapped ?? (e.statusCode !== undefined && e.statusCode >= 400 && e.statusCode < 500 ? e.statusCode : 500)
    if (status >= 500 && mapped === undefined) {
      req.log.error({ err }, 'request failed')
      return reply.code(status).send({ statusCode: status, code: 'INTERNAL', message: 'Something went wrong in the local node; see its log' })
    }
    if (status >= 500) req.log.warn({ code }, worded.message)
    return reply.code(status).send({ statusCode: status, code: code ?? 'BAD_REQUEST', message: worded.message })
  })
  app.setNotFoundHandler((req, reply) => {
    reply.code(404).send({ statusCode: 404, code: 'NOT_FOUND', message: `No such route: ${req.method} ${req.url.split('?')[0]}` })
  })
}
