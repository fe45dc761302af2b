// The HTTP app as a function of its client (fastify/demo style): no listen here, so tests use
// app.inject. src/commands/serve.ts sets up listening, logging and graceful close.
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify'
import type { AddressInfo } from 'node:net'
import type { ServerClient } from './client-api.js'
import { registerSecurity } from './security.js'
import { registerErrorHandler } from './errors.js'
import { eventRoutes } from './events.js'
import { profileRoutes } from './routes/profile.js'
import { roomRoutes } from './routes/rooms.js'
import { roleRoutes } from './routes/roles.js'
import { trustRoutes } from './routes/trust.js'
import { seederRoutes } from './routes/seeders.js'
import { deviceRoutes } from './routes/devices.js'
import { messageRoutes } from './routes/messages.js'
import { messageChangeRoutes } from './routes/message-changes.js'
import { attentionRoutes } from './routes/attention.js'
import { searchRoutes } from './routes/search.js'
import { staticRoutes } from './routes/static.js'
import { fileRoutes } from './routes/files.js'
import { Joins } from './joins.js'
import { LoginCodes, Sessions } from './session.js'
import { sessionRoutes } from './routes/session.js'

export interface AppOptions {
  /** The access token: a script's credential, and the key of sessions and file links. */
  token: string
  /** The one-time login codes the printed URLs carry (src/server/session.ts); made here if omitted. */
  codes?: LoginCodes
  /** The built UI to serve; omitted, only the API is served. */
  uiDir?: string
  /** The port the browser uses in Host; by default the one the server listens on. */
  port?: number
  logger?: FastifyServerOptions['logger']
  /** Slow or silent clients are cut off after these (ms); see TIMEOUTS. */
  timeouts?: Partial<typeof TIMEOUTS>
  /** How long a join started over HTTP waits for a member to admit this node (ms; src/server/joins.ts). */
  joinTimeout?: number
}

/**
 * Without these a client could hold sockets open forever (Fastify's defaults are 0, none):
 * headers must arrive within 10 s and the whole request within 2 min (a 100 MiB upload on
 * this machine is far faster); a socket silent for 30 s is closed (the live stream sends a
 * heartbeat every 15 s). Node checks the first two once per `checkEvery`.
 */
export const TIMEOUTS = { headers: 10_000, request: 120_000, idle: 30_000, checkEvery: 1000 }

const AJV_LOGGER = {
  log: (...args: unknown[]): void => { console.log(...args) },
  warn: (...args: unknown[]): void => { if (!String(args[0]).includes('option unicode')) console.warn(...args) },
  error: (...args: unknown[]): void => { console.error(...args) }
}

export async function buildApp (client: ServerClient, opts: AppOptions): Promise<FastifyInstance> {
  const t = { ...TIMEOUTS, ...opts.timeouts }
  const app = Fastify({
    logger: opts.logger ?? false,
    connectionTimeout: t.idle,
    requestTimeout: t.request,
    http: { headersTimeout: t.headers, connectionsCheckingInterval: t.checkEvery },
    bodyLimit: 256 * 1024,
    // unicode: false makes maxLength count UTF-16 code units (String.length), as the SDK and the
    // event schema do: Ajv's default counts code points, so a 40-emoji name passed here and
    // then failed in the SDK (views/limits.ts). Ajv 8 still honours the option but calls it
    // deprecated on every start; that one line is dropped.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: false, unicode: false, logger: AJV_LOGGER } }
  })
  const port = (): number => opts.port ?? (app.server.address() as AddressInfo | null)?.port ?? 0
  const sessions = new Sessions(opts.token)
  registerSecurity(app, { token: opts.token, sessions, port })
  registerErrorHandler(app)
  const joins = new Joins(client, opts.joinTimeout, (err) => app.log.error({ err }, 'a join failed'))
  app.addHook('preClose', async () => joins.close())
  await app.register(sessionRoutes, { codes: opts.codes ?? new LoginCodes(), sessions })
  await app.register(profileRoutes, { client })
  await app.register(roomRoutes, { client, joins })
  await app.register(roleRoutes, { client })
  await app.register(trustRoutes, { client })
  await app.register(seederRoutes, { client })
  await app.register(deviceRoutes, { client })
  await app.register(messageRoutes, { client })
  await app.register(messageChangeRoutes, { client })
  await app.register(attentionRoutes, { client })
  await app.register(searchRoutes, { client })
  await app.register(eventRoutes, { client, joins })
  await app.register(fileRoutes, { client, token: opts.token })
  if (opts.uiDir !== undefined) await app.register(staticRoutes, { uiDir: opts.uiDir })
  return app
}
