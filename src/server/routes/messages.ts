// A room's messages: GET /api/rooms/:id/messages?limit&before|after (a page, newest last) and
// POST /api/rooms/:id/messages (send, with replyTo and mentions). The UI never asks for more
// than one page at a time. One message and its changes: routes/message-changes.ts.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { ServerClient } from '../client-api.js'
import { ErrorReply, Message, MessagesQuery, MessagesReply, RoomParams, SendBody } from '../schemas.js'
import { findRoom } from './rooms.js'

const errors = { 400: ErrorReply, 404: ErrorReply }

export const messageRoutes: FastifyPluginAsyncTypebox<{ client: ServerClient }> = async (app, { client }) => {
  app.get('/api/rooms/:id/messages', {
    schema: { params: RoomParams, querystring: MessagesQuery, response: { 200: MessagesReply, ...errors } }
  }, async (req) => {
    const room = findRoom(client, req.params.id)
    const { limit, before, after } = req.query
    const messages = await room.messages({ limit, ...(before === undefined ? {} : { before }), ...(after === undefined ? {} : { after }) })
    return { messages }
  })

  app.post('/api/rooms/:id/messages', {
    schema: { params: RoomParams, body: SendBody, response: { 201: Message, ...errors } }
  }, async (req, reply) => {
    const room = findRoom(client, req.params.id)
    const { text, replyTo, mentions } = req.body
    if (text.trim() === '') return reply.code(400).send({ statusCode: 400, code: 'EMPTY_MESSAGE', message: 'The message is empty' })
    const message = await room.send(text, { ...(replyTo === undefined ? {} : { replyTo }), ...(mentions === undefined ? {} : { mentions }) })
    return reply.code(201).send(message)
  })
}
