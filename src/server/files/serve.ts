// Sends one file message's bytes: the whole file (200), one byte range (206 with
// Content-Range) or 416 when the range lies outside it. Type and disposition come from
// headers.ts, so a peer's file is never shown as a page.
import type { FastifyReply, FastifyRequest } from 'fastify'
import { Readable } from 'node:stream'
import { HttpError } from '../errors.js'
import type { Message, ServerRoom } from '../client-api.js'
import { parseRange, presentation } from './headers.js'

export async function fileMessage (room: ServerRoom, id: string): Promise<Message> {
  const message = await room.message(id)
  if (message === null) throw new HttpError(404, 'NOT_FOUND', 'No message with that id in this room')
  if (message.file === undefined) throw new HttpError(404, 'NOT_A_FILE', 'That message has no file')
  return message
}

export async function serveFile (
  room: ServerRoom, message: Message, req: FastifyRequest, reply: FastifyReply,
  opts: { version?: number, download?: boolean, timeout?: number } = {}
): Promise<FastifyReply> {
  const at: { version?: number, timeout?: number } = {}
  if (opts.version !== undefined) at.version = opts.version
  if (opts.timeout !== undefined) at.timeout = opts.timeout
  const info = await room.fileInfo(message, at)
  const { type, disposition } = presentation(info.mime, info.name, opts.download === true)
  reply
    .header('accept-ranges', 'bytes')
    .header('content-disposition', disposition)
    .header('cache-control', 'private, max-age=300')
  const range = parseRange(req.headers.range, info.size)
  if (range.kind === 'unsatisfiable') {
    return reply.code(416).header('content-range', `bytes */${info.size}`).type('text/plain; charset=utf-8').send('Range Not Satisfiable')
  }
  const [start, end] = range.kind === 'partial' ? [range.start, range.end] : [0, info.size - 1]
  reply.code(range.kind === 'partial' ? 206 : 200).type(type).header('content-length', String(end - start + 1))
  if (range.kind === 'partial') reply.header('content-range', `bytes ${start}-${end}/${info.size}`)
  // Fastify's HEAD route keeps our Content-Length only for a stream payload (and drains it):
  // give it an empty one rather than fetching the file from peers for nothing.
  if (req.method === 'HEAD') return reply.send(Readable.from([]))
  if (info.size === 0) return reply.send('')
  return reply.send(await room.createFileStream(message, { ...at, start, end }))
}
