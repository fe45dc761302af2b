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
import { messageRoutes } from './routes/messages.js'
import { messageChangeRoutes } from './routes/message-changes.js'
import { staticRoutes } from './routes/static.js'
import { fileRoutes } from './routes/files.js'

export interface AppOptions {
  /** The access token every /api/ request must carry. */
  token: string
  /** The built UI to serve; omitted, only the API is served. */
  uiDir?: string
  /** The port the browser uses in Host; by default the one the server listens on. */
  port?: number
  logger?: FastifyServerOptions['logger']
  /** Slow or silent clients are cut off after these (ms); see TIMEOUTS. */
  timeouts?: Partial<typeof TIMEOUTS>
}

/**
 * Without these a client could hold sockets open forever (Fastify's defaults are 0, none):
 * headers must arrive within 10 s and the whole request within 2 min (a 100 MiB upload on
 * this machine is far faster); a socket silent for 30 s is closed (the live stream sends a
 * heartbeat every 15 s). Node checks the first two once per `checkEvery`.
 */
export const TIMEOUTS = { headers: 10_000, request: 120_000, idle: 30_000, checkEvery: 1000 }

export async function buildApp (client: ServerClient, opts: AppOptions): Promise<FastifyInstance> {
  const t = { ...TIMEOUTS, ...opts.timeouts }
  const app = Fastify({
    logger: opts.logger ?? false,
    connectionTimeout: t.idle,
    requestTimeout: t.request,
    http: { headersTimeout: t.headers, connectionsCheckingInterval: t.checkEvery },
    bodyLimit: 256 * 1024,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: false } }
  })
  const port = (): number => opts.port ?? (app.server.address() as AddressInfo | null)?.port ?? 0
  registerSecurity(app, { token: opts.token, port })
  registerErrorHandler(app)
  await app.register(profileRoutes, { client })
  await app.register(roomRoutes, { client })
  await app.register(messageRoutes, { client })
  await app.register(messageChangeRoutes, { client })
  await app.register(eventRoutes, { client })
  await app.register(fileRoutes, { client, token: opts.token })
  if (opts.uiDir !== undefined) await app.register(staticRoutes, { uiDir: opts.uiDir })
  return app
}
