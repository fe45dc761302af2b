// What this user has read, is typing, and when the node notifies (docs/architecture.md §15):
// POST /api/rooms/:id/read (move the read marker), POST /api/rooms/:id/typing, GET and PUT
// /api/notifications and /api/typing-indicators. All but typing itself are local state of this
// node only; nothing of them is sent to peers.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { ServerClient } from '../client-api.js'
import { ErrorReply, NotifyBody, NotifySettings, ReadBody, RoomParams, TypingReply, Unread } from '../schemas.js'
import { TypingIndicators } from '../schemas/typing.js'
import { findRoom } from './rooms.js'

const errors = { 400: ErrorReply, 404: ErrorReply }

export const attentionRoutes: FastifyPluginAsyncTypebox<{ client: ServerClient }> = async (app, { client }) => {
  // Answers with the room's unread state after the move (also when the marker did not move).
  app.post('/api/rooms/:id/read', {
    schema: { params: RoomParams, body: ReadBody, response: { 200: Unread, ...errors } }
  }, async (req) => {
    const room = findRoom(client, req.params.id)
    await room.markRead(req.body.upTo)
    return { ...room.unread }
  })

  // This user is typing in the room: the node tells the peers online, at most every 3 s
  // (src/attention/typing.ts); `sent` says whether this call went out.
  app.post('/api/rooms/:id/typing', {
    schema: { params: RoomParams, response: { 200: TypingReply, ...errors } }
  }, async (req) => {
    return { sent: findRoom(client, req.params.id).typing() }
  })

  app.get('/api/notifications', { schema: { response: { 200: NotifySettings } } }, async () => {
    return settings(client)
  })

  app.put('/api/notifications', {
    schema: { body: NotifyBody, response: { 200: NotifySettings, ...errors } }
  }, async (req) => {
    const { room, level } = req.body
    if (room !== undefined) findRoom(client, room)
    await client.setNotifications(level, room)
    return settings(client)
  })

  // Typing indicators on this device, both ways: off, it neither sends nor shows them.
  app.get('/api/typing-indicators', { schema: { response: { 200: TypingIndicators } } }, async () => {
    return { on: client.typingIndicators }
  })

  app.put('/api/typing-indicators', {
    schema: { body: TypingIndicators, response: { 200: TypingIndicators, ...errors } }
  }, async (req) => {
    await client.setTypingIndicators(req.body.on)
    return { on: client.typingIndicators }
  })
}

function settings (client: ServerClient): NotifySettings {
  const { all, rooms } = client.notifications
  return { all, rooms: { ...rooms } }
}
