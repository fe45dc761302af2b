// Files and voice messages over HTTP (a plugin: its raw-body parser stays inside it).
//   POST /api/rooms/:id/files?name=<name>     body: the bytes, Content-Type: the file's type → 201 Message
//   POST /api/rooms/:id/audio?duration=<ms>   body: the recording (audio/*)                   → 201 Message
//   GET  /api/rooms/:id/files/:mid[?version=&download=1]   the bytes, with Range (206/416)
//   POST /api/rooms/:id/files/:mid/link[?version=]        → { url, expires }: a signed /media link
//   GET  /media/:id/:mid?v=&exp=&sig=[&download=1]       the same bytes, for <img>/<audio>/<video>
// Uploads stream straight into the drive; over the size limit is a 413 with nothing written.
import type { FastifyReply } from 'fastify'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { PassThrough, type Readable } from 'node:stream'
import type { ServerClient, ServerRoom } from '../client-api.js'
import { HttpError } from '../errors.js'
import {
  AudioQuery, DownloadQuery, ErrorReply, FileParams, LinkQuery, LinkReply, MediaQuery, Message, RoomParams, UploadQuery
} from '../schemas.js'
import { errors } from '../../errors.js'
import { FileLinks } from '../files/links.js'
import { fileMessage, serveFile } from '../files/serve.js'
import { formatBytes } from '../../files/names.js'
import { findRoom } from './rooms.js'

const failures = { 400: ErrorReply, 404: ErrorReply, 409: ErrorReply, 413: ErrorReply, 503: ErrorReply }

export interface FileRoutesOptions {
  client: ServerClient
  token: string
  /** The most a download waits for any one step from peers, in ms (default: the SDK's 15 s). */
  readTimeout?: number
}

/** The request body as a stream we own: on an error the request is left alone, not destroyed. */
function uploadSource (room: ServerRoom, body: unknown, length: string | undefined, reply: FastifyReply): Readable | Buffer {
  if (length !== undefined && Number(length) > room.maxFileBytes) {
    reply.header('connection', 'close') // the rest of the body is not read
    throw errors.tooLarge('The file', formatBytes(room.maxFileBytes))
  }
  if (body === undefined || body === null) return Buffer.alloc(0)
  const request = body as Readable
  const pass = new PassThrough()
  request.pipe(pass)
  pass.on('close', () => { if (!request.readableEnded) { request.unpipe(pass); reply.header('connection', 'close') } })
  return pass
}

export const fileRoutes: FastifyPluginAsyncTypebox<FileRoutesOptions> = async (app, opts) => {
  const { client } = opts
  const links = new FileLinks(opts.token)
  const timeout = opts.readTimeout === undefined ? {} : { timeout: opts.readTimeout }
  // Inside this plugin only: every upload body is a raw stream, whatever its Content-Type.
  app.removeAllContentTypeParsers()
  app.addContentTypeParser('*', (_req, payload, done) => done(null, payload))

  app.post('/api/rooms/:id/files', {
    schema: { params: RoomParams, querystring: UploadQuery, response: { 201: Message, ...failures } }
  }, async (req, reply) => {
    const room = findRoom(client, req.params.id)
    const source = uploadSource(room, req.body, req.headers['content-length'], reply)
    return reply.code(201).send(await room.sendFile(req.query.name, source, req.headers['content-type']))
  })

  app.post('/api/rooms/:id/audio', {
    schema: { params: RoomParams, querystring: AudioQuery, response: { 201: Message, ...failures } }
  }, async (req, reply) => {
    const room = findRoom(client, req.params.id)
    const source = uploadSource(room, req.body, req.headers['content-length'], reply)
    return reply.code(201).send(await room.sendAudio(source, req.headers['content-type'] ?? '', req.query.duration))
  })

  app.get('/api/rooms/:id/files/:mid', {
    schema: { params: FileParams, querystring: DownloadQuery }
  }, async (req, reply) => {
    const room = findRoom(client, req.params.id)
    const message = await fileMessage(room, req.params.mid)
    return serveFile(room, message, req, reply, { ...req.query, ...timeout })
  })

  app.post('/api/rooms/:id/files/:mid/link', {
    schema: { params: FileParams, querystring: LinkQuery, response: { 200: LinkReply, ...failures } }
  }, async (req) => {
    const room = findRoom(client, req.params.id)
    const message = await fileMessage(room, req.params.mid)
    const version = req.query.version ?? message.file?.version ?? null
    return links.create({ room: room.id, message: message.id, version })
  })

  // Public as far as the token goes: the signature is the credential (see files/links.ts).
  app.get('/media/:id/:mid', {
    config: { public: true },
    schema: { params: FileParams, querystring: MediaQuery }
  }, async (req, reply) => {
    const { v, exp, sig, download } = req.query
    const target = { room: req.params.id, message: req.params.mid, version: v ?? null }
    if (!links.verify(target, exp, sig)) throw new HttpError(403, 'BAD_LINK', 'This file link is wrong or has expired: reload the page')
    const room = findRoom(client, req.params.id)
    const message = await fileMessage(room, req.params.mid)
    const at = v === undefined ? timeout : { version: v, ...timeout }
    return serveFile(room, message, req, reply, { ...at, download: download === true })
  })
}
