// Roles and removal (docs/architecture.md §3): PUT /api/rooms/:id/members/:key/role,
// POST /api/rooms/:id/owner, DELETE /api/rooms/:id/members/:key. Who may do what is the
// SDK's to say (403 NOT_ADMIN / NOT_OWNER, 404 for a key that is not a member).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { ServerClient } from '../client-api.js'
import { ErrorReply, MemberParams, Ok, OwnerBody, RoleBody, RoomParams } from '../schemas.js'
import { findRoom } from './rooms.js'

const errors = { 400: ErrorReply, 403: ErrorReply, 404: ErrorReply, 409: ErrorReply }

export const roleRoutes: FastifyPluginAsyncTypebox<{ client: ServerClient }> = async (app, { client }) => {
  app.put('/api/rooms/:id/members/:key/role', {
    schema: { params: MemberParams, body: RoleBody, response: { 200: Ok, ...errors } }
  }, async (req) => {
    await findRoom(client, req.params.id).setRole(req.params.key, req.body.role)
    return { ok: true }
  })

  app.post('/api/rooms/:id/owner', {
    schema: { params: RoomParams, body: OwnerBody, response: { 200: Ok, ...errors } }
  }, async (req) => {
    await findRoom(client, req.params.id).transferOwnership(req.body.key)
    return { ok: true }
  })

  // Resolves once this node has stopped serving the room to the removed member.
  app.delete('/api/rooms/:id/members/:key', {
    schema: { params: MemberParams, response: { 200: Ok, ...errors } }
  }, async (req) => {
    await findRoom(client, req.params.id).removeMember(req.params.key)
    return { ok: true }
  })
}
