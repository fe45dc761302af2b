// One message of a room, and the changes to it: GET /api/rooms/:id/messages/:mid (a reply's
// original, say), PATCH (edit), DELETE, and POST .../react and .../unreact with { emoji }. Each
// change answers with the message as the view holds it afterwards; the live stream announces
// it to every open page as `update` (docs/architecture.md §13).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { ServerClient } from '../client-api.js'
import { EditBody, ErrorReply, Message, MessageParams, ReactionBody } from '../schemas.js'
import { HttpError } from '../errors.js'
import { findRoom } from './rooms.js'

const errors = { 400: ErrorReply, 403: ErrorReply, 404: ErrorReply, 409: ErrorReply }

export const messageChangeRoutes: FastifyPluginAsyncTypebox<{ client: ServerClient }> = async (app, { client }) => {
  app.get('/api/rooms/:id/messages/:mid', {
    schema: { params: MessageParams, response: { 200: Message, ...errors } }
  }, async (req) => {
    const message = await findRoom(client, req.params.id).message(req.params.mid)
    if (message === null) throw new HttpError(404, 'NOT_FOUND', 'No such message in this room')
    return message
  })

  app.patch('/api/rooms/:id/messages/:mid', {
    schema: { params: MessageParams, body: EditBody, response: { 200: Message, ...errors } }
  }, async (req) => {
    const { text, mentions } = req.body
    return await findRoom(client, req.params.id).edit(req.params.mid, text, mentions === undefined ? {} : { mentions })
  })

  app.delete('/api/rooms/:id/messages/:mid', {
    schema: { params: MessageParams, response: { 200: Message, ...errors } }
  }, async (req) => {
    return await findRoom(client, req.params.id).delete(req.params.mid)
  })

  app.post('/api/rooms/:id/messages/:mid/react', {
    schema: { params: MessageParams, body: ReactionBody, response: { 200: Message, ...errors } }
  }, async (req) => {
    return await findRoom(client, req.params.id).react(req.params.mid, req.body.emoji)
  })

  app.post('/api/rooms/:id/messages/:mid/unreact', {
    schema: { params: MessageParams, body: ReactionBody, response: { 200: Message, ...errors } }
  }, async (req) => {
    return await findRoom(client, req.params.id).unreact(req.params.mid, req.body.emoji)
  })
}
