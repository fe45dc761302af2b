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
}

export async function buildApp (client: ServerClient, opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: 256 * 1024,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: false } }
  })
  const port = (): number => opts.port ?? (app.server.address() as AddressInfo | null)?.port ?? 0
  registerSecurity(app, { token: opts.token, port })
  registerErrorHandler(app)
  profileRoutes(app, client)
  roomRoutes(app, client)
  messageRoutes(app, client)
  eventRoutes(app, client)
  await app.register(fileRoutes, { client, token: opts.token })
  if (opts.uiDir !== undefined) await staticRoutes(app, opts.uiDir)
  return app
}
