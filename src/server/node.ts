// A running local node: a Client and the HTTP server in front of it, on 127.0.0.1.
// `linkup serve`, `linkup demo` and the browser tests all start nodes through here.
import fs from 'fs'
import path from 'path'
import { fileURLToPath } from 'url'
import type { AddressInfo } from 'net'
import type { FastifyInstance } from 'fastify'
import { Client, type ClientOptions } from '../client.js'
import { buildApp } from './app.js'
import { loadOrCreateToken } from './token.js'
import { createLog, type LogOptions } from '../logging.js'
import { LoginCodes } from './session.js'

export interface NodeOptions {
  storage: string
  port?: number
  bootstrap?: string[]
  dhtHost?: string
  /** Log at this level (to stderr unless `out` says otherwise); silent when omitted. `name` tags every line. */
  log?: LogOptions & { name?: string }
  /** An already opened client to serve (the demo opens its own). */
  client?: Client
  /** Seeders to keep every room on (ClientOptions.seeders). */
  seeders?: string[]
  /** How long a join started from the UI waits for a member (ms; default 10 minutes). */
  joinTimeout?: number
  /** ClientOptions.account: false runs the node without an identity (default true). */
  account?: boolean
}

export interface LocalNode {
  client: Client
  app: FastifyInstance
  port: number
  /** The access token (scripts send it as Authorization: Bearer). */
  token: string
  /**
   * A URL that opens the UI, with a new one-time login code each time it is read (good once,
   * for 10 minutes): `linkup serve` prints one.
   */
  readonly url: string
  /** Rejects if the storage turns out damaged as the rooms open after the start (Client 'failure'). */
  failed: Promise<never>
  close: () => Promise<void>
}

/** The built UI: ui/dist next to package.json, found from here in src/ or in dist/src/. */
export function findUiDir (): string {
  let dir = path.dirname(fileURLToPath(import.meta.url))
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, 'ui', 'dist')
    if (fs.existsSync(path.join(candidate, 'index.html'))) return candidate
    dir = path.dirname(dir)
  }
  throw new Error('The web UI is not built (no ui/dist/index.html): run npm run build')
}

export async function startNode (opts: NodeOptions): Promise<LocalNode> {
  const uiDir = findUiDir()
  const log = opts.log === undefined ? null : createLog(opts.log)
  const name = opts.log?.name
  const logger = log === null || name === undefined ? log?.logger : log.logger.child({ node: name })
  let client = opts.client
  if (client === undefined) {
    const clientOpts: ClientOptions = { storage: opts.storage }
    if (logger !== undefined) clientOpts.logger = logger
    if (opts.bootstrap !== undefined) clientOpts.bootstrap = opts.bootstrap
    if (opts.dhtHost !== undefined) clientOpts.dhtHost = opts.dhtHost
    if (opts.seeders !== undefined) clientOpts.seeders = opts.seeders
    if (opts.account !== undefined) clientOpts.account = opts.account
    client = new Client(clientOpts)
  }
  const opened = client
  const failed = new Promise<never>((_resolve, reject) => opened.once('failure', reject))
  failed.catch(() => {}) // the caller may not wait on it
  await client.ready()
  const token = await loadOrCreateToken(opts.storage)
  // Fastify's own lines go through the same formatter; they never include headers or queries.
  const http = log === null ? false : { ...log.http, base: name === undefined ? { part: 'http' } : { node: name, part: 'http' } }
  const codes = new LoginCodes()
  const app = await buildApp(client, { token, codes, uiDir, logger: http, ...(opts.joinTimeout === undefined ? {} : { joinTimeout: opts.joinTimeout }) })
  try {
    await app.listen({ host: '127.0.0.1', port: opts.port ?? 0 })
  } catch (err) {
    await app.close()
    await client.close()
    throw err
  }
  const port = (app.server.address() as AddressInfo).port
  logger?.info({ port }, `web UI on http://127.0.0.1:${port} (the address to open, with a one-time login code, is printed on stdout)`)
  const owned = client
  let closing: Promise<void> | null = null
  // The server first (ends the live streams), then the client (swarm, rooms, store).
  const close = (): Promise<void> => (closing ??= app.close().then(() => owned.close()))
  return {
    client,
    app,
    port,
    token,
    get url () { return `http://127.0.0.1:${port}/#code=${codes.issue()}` },
    failed,
    close
  }
}
