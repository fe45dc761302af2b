// The room list: GET /api/rooms, POST /api/rooms (create), POST /api/rooms/join,
// POST /api/rooms/:id/invites, POST /api/rooms/:id/leave, POST /api/rooms/:id/clear,
// POST /api/rooms/:id/ping, GET /api/rooms/:id/members, GET /api/rooms/:id/avatars/:key.
import type { FastifyInstance } from 'fastify'
import { Type } from '@sinclair/typebox'
import { TypeCompiler } from '@sinclair/typebox/compiler'
import type { ServerClient, ServerRoom } from '../client-api.js'
import { HttpError } from '../errors.js'
import {
  AvatarBody, AvatarParams, CreateRoomBody, ErrorReply, InviteReply, JoinRoomBody, LeaveBody, MemberSchema, RoomParams, RoomSummary
} from '../schemas.js'

export function summary (room: ServerRoom) {
  return { id: room.id, alias: room.alias, writerKey: room.writerKey, isOwner: room.isOwner, role: room.role, removed: room.removed, status: room.status, interrupted: room.interrupted?.message ?? null }
}

export function findRoom (client: ServerClient, id: string): ServerRoom {
  const room = client.room(id)
  if (room === undefined) throw new HttpError(404, 'ROOM_NOT_FOUND', 'No room with that id on this node')
  return room
}

const leaveBody = TypeCompiler.Compile(LeaveBody)
const errors = { 400: ErrorReply, 403: ErrorReply, 404: ErrorReply, 409: ErrorReply, 410: ErrorReply }
const Ok = Type.Object({ ok: Type.Boolean() })

export function roomRoutes (app: FastifyInstance, client: ServerClient): void {
  app.get('/api/rooms', { schema: { response: { 200: Type.Object({ rooms: Type.Array(RoomSummary) }) } } }, async () => {
    return { rooms: client.rooms.map(summary) }
  })

  app.post<{ Body: CreateRoomBody }>('/api/rooms', {
    schema: { body: CreateRoomBody, response: { 201: RoomSummary, ...errors } }
  }, async (req, reply) => {
    const room = await client.createRoom(req.body.alias)
    return reply.code(201).send(summary(room))
  })

  app.post<{ Body: JoinRoomBody }>('/api/rooms/join', {
    schema: { body: JoinRoomBody, response: { 201: RoomSummary, ...errors } }
  }, async (req, reply) => {
    const room = await client.joinRoom(req.body.invite.trim(), req.body.alias)
    return reply.code(201).send(summary(room))
  })

  app.post<{ Params: RoomParams }>('/api/rooms/:id/invites', {
    schema: { params: RoomParams, response: { 201: InviteReply, ...errors } }
  }, async (req, reply) => {
    const invite = await findRoom(client, req.params.id).createInvite()
    return reply.code(201).send({ invite })
  })

  // The owner is refused (409 LAST_ADMIN, saying how to hand over) unless { anyway: true }.
  // The body is optional (no body: leave as anyone may), so it is checked here, not by a schema.
  app.post<{ Params: RoomParams }>('/api/rooms/:id/leave', {
    schema: { params: RoomParams, response: { 200: Ok, ...errors } }
  }, async (req) => {
    const body = req.body ?? {}
    if (!leaveBody.Check(body)) throw new HttpError(400, 'BAD_REQUEST', 'Invalid request: the body is { "anyway"?: true | false }')
    await client.leaveRoom(findRoom(client, req.params.id).id, { anyway: body.anyway === true })
    return { ok: true }
  })

  app.post<{ Params: RoomParams }>('/api/rooms/:id/clear', {
    schema: { params: RoomParams, response: { 200: Ok, ...errors } }
  }, async (req) => {
    await findRoom(client, req.params.id).clear()
    return { ok: true }
  })

  app.post<{ Params: RoomParams }>('/api/rooms/:id/ping', {
    schema: { params: RoomParams, response: { 200: Type.Object({ peers: Type.Array(Type.Object({ key: Type.String(), rtt: Type.Number() })) }), ...errors } }
  }, async (req) => {
    return { peers: await findRoom(client, req.params.id).ping() }
  })

  app.get<{ Params: RoomParams }>('/api/rooms/:id/members', {
    schema: { params: RoomParams, response: { 200: Type.Object({ members: Type.Array(MemberSchema) }), ...errors } }
  }, async (req) => {
    return { members: await findRoom(client, req.params.id).members() }
  })

  app.get<{ Params: AvatarParams }>('/api/rooms/:id/avatars/:key', {
    schema: { params: AvatarParams, response: { 200: Type.Object({ avatar: Type.Union([AvatarBody, Type.Null()]) }), ...errors } }
  }, async (req) => {
    // A user without an avatar is an ordinary answer, not a 404 the browser logs as an error.
    const image = await findRoom(client, req.params.id).avatar(req.params.key)
    return { avatar: image === null ? null : { mime: image.mime, data: image.data.toString('base64') } }
  })
}
