// The room list: GET /api/rooms, POST /api/rooms (create), POST /api/rooms/join (202: a pending
// join whose outcome comes on the live stream, src/server/joins.ts), DELETE /api/rooms/join/:id,
// POST /api/rooms/:id/leave ({ anyway? }), POST /api/rooms/:id/clear,
// POST /api/rooms/:id/ping, GET /api/rooms/:id/members, GET /api/rooms/:id/avatars/:key.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { TypeCompiler } from '@sinclair/typebox/compiler'
import type { ServerClient, ServerRoom } from '../client-api.js'
import { HttpError } from '../errors.js'
import {
  AvatarParams, AvatarReply, CreateRoomBody, ErrorReply, JoinParams, JoinRoomBody, LeaveBody, MembersReply, Ok, PendingJoin,
  NotifySettings, PingReply, RoomParams, RoomsReply, RoomSummary
} from '../schemas.js'
import type { Joins } from '../joins.js'
import type { AvatarMime } from '../../../views/limits.js'

/** A room as the API shows it; `settings` gives its own notification level (a new room has none). */
export function summary (room: ServerRoom, settings?: Readonly<NotifySettings>): RoomSummary {
  return {
    id: room.id,
    alias: room.alias,
    writerKey: room.writerKey,
    identityKey: room.identityKey,
    isOwner: room.isOwner,
    role: room.role,
    removed: room.removed,
    mayInvite: room.mayInvite,
    status: room.status,
    encrypted: room.encrypted,
    interrupted: room.interrupted?.message ?? null,
    unread: { ...room.unread },
    notify: settings?.rooms[room.id] ?? null
  }
}

export function findRoom (client: ServerClient, id: string): ServerRoom {
  const room = client.room(id)
  if (room === undefined) throw new HttpError(404, 'ROOM_NOT_FOUND', 'No room with that id on this node')
  return room
}

const errors = { 400: ErrorReply, 403: ErrorReply, 404: ErrorReply, 409: ErrorReply, 410: ErrorReply }
const leaveBody = TypeCompiler.Compile(LeaveBody)

export const roomRoutes: FastifyPluginAsyncTypebox<{ client: ServerClient, joins: Joins }> = async (app, { client, joins }) => {
  app.get('/api/rooms', { schema: { response: { 200: RoomsReply } } }, async () => {
    return { rooms: client.rooms.map(r => summary(r, client.notifications)) }
  })

  app.post('/api/rooms', {
    schema: { body: CreateRoomBody, response: { 201: RoomSummary, ...errors } }
  }, async (req, reply) => {
    const room = await client.createRoom(req.body.alias)
    return reply.code(201).send(summary(room))
  })

  // 202 with the pending join (its outcome comes on the live stream as a 'join' event), or 200
  // when this node is in the room already. A malformed or expired invite is refused at once.
  app.post('/api/rooms/join', {
    schema: { body: JoinRoomBody, response: { 200: PendingJoin, 202: PendingJoin, ...errors } }
  }, async (req, reply) => {
    const join = joins.start(req.body.invite.trim(), req.body.alias)
    return reply.code(join.state === 'joined' ? 200 : 202).send(join)
  })

  // Cancels a waiting join, or dismisses one that failed.
  app.delete('/api/rooms/join/:id', {
    schema: { params: JoinParams, response: { 200: PendingJoin, ...errors } }
  }, async (req) => {
    const join = joins.cancel(req.params.id)
    if (join === null) throw new HttpError(404, 'NOT_FOUND', 'No join under way for that room')
    return join
  })

  // The owner is refused (409 LAST_ADMIN, saying how to hand over) unless { anyway: true }.
  // The body is optional (no body: leave as anyone may), so it is checked here, not by a schema.
  app.post('/api/rooms/:id/leave', {
    schema: { params: RoomParams, response: { 200: Ok, ...errors } }
  }, async (req) => {
    const body = req.body ?? {}
    if (!leaveBody.Check(body)) throw new HttpError(400, 'BAD_REQUEST', 'Invalid request: the body is { "anyway"?: true | false }')
    await client.leaveRoom(findRoom(client, req.params.id).id, { anyway: body.anyway === true })
    return { ok: true }
  })

  app.post('/api/rooms/:id/clear', {
    schema: { params: RoomParams, response: { 200: Ok, ...errors } }
  }, async (req) => {
    await findRoom(client, req.params.id).clear()
    return { ok: true }
  })

  app.post('/api/rooms/:id/ping', {
    schema: { params: RoomParams, response: { 200: PingReply, ...errors } }
  }, async (req) => {
    return { peers: await findRoom(client, req.params.id).ping() }
  })

  app.get('/api/rooms/:id/members', {
    schema: { params: RoomParams, response: { 200: MembersReply, ...errors } }
  }, async (req) => {
    return { members: await findRoom(client, req.params.id).members() }
  })

  app.get('/api/rooms/:id/avatars/:key', {
    schema: { params: AvatarParams, response: { 200: AvatarReply, ...errors } }
  }, async (req) => {
    // A user without an avatar is an ordinary answer, not a 404 the browser logs as an error.
    const image = await findRoom(client, req.params.id).avatar(req.params.key)
    // apply keeps only AVATAR_MIMES in the view (views/schema.ts), so the type is one of them.
    return { avatar: image === null ? null : { mime: image.mime as AvatarMime, data: image.data.toString('base64') } }
  })
}
