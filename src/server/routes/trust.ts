// Trust in a room (docs/architecture.md §2.6, §3, §12):
// invites: GET /api/rooms/:id/invites (the live ones and the policy), POST /api/rooms/:id/invites
// (expiry, uses), DELETE /api/rooms/:id/invites/:invite, PUT /api/rooms/:id/invite-policy;
// names: PUT /api/contacts/:key (nickname, verified: local only). Roles and removal are
// routes/roles.ts.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { ServerClient } from '../client-api.js'
import { findRoom } from './rooms.js'
import {
  ContactBody, ContactReply, CreateInviteBody, ErrorReply, InviteParams, InvitePolicyBody, InviteReply, InvitesReply,
  KeyParams, Ok, RoomParams
} from '../schemas.js'
import { inviteId } from '../../invite.js'

const errors = { 400: ErrorReply, 403: ErrorReply, 404: ErrorReply, 409: ErrorReply, 410: ErrorReply }

export const trustRoutes: FastifyPluginAsyncTypebox<{ client: ServerClient }> = async (app, { client }) => {
  app.get('/api/rooms/:id/invites', {
    schema: { params: RoomParams, response: { 200: InvitesReply, ...errors } }
  }, async (req) => {
    const room = findRoom(client, req.params.id)
    const [invites, policy] = await Promise.all([room.invites(), room.invitePolicy()])
    return { invites, adminsOnly: policy.adminsOnly }
  })

  app.post('/api/rooms/:id/invites', {
    schema: { params: RoomParams, body: CreateInviteBody, response: { 201: InviteReply, ...errors } },
    // No body at all is the plainest invite (as before options existed): never expires, no limit.
    preValidation: async (req) => { req.body ??= {} }
  }, async (req, reply) => {
    const invite = await findRoom(client, req.params.id).createInvite(req.body)
    return reply.code(201).send({ invite, id: inviteId(invite) })
  })

  app.delete('/api/rooms/:id/invites/:invite', {
    schema: { params: InviteParams, response: { 200: Ok, ...errors } }
  }, async (req) => {
    await findRoom(client, req.params.id).revokeInvite(req.params.invite)
    return { ok: true }
  })

  app.put('/api/rooms/:id/invite-policy', {
    schema: { params: RoomParams, body: InvitePolicyBody, response: { 200: Ok, ...errors } }
  }, async (req) => {
    await findRoom(client, req.params.id).setInvitePolicy(req.body)
    return { ok: true }
  })

  app.put('/api/contacts/:key', {
    schema: { params: KeyParams, body: ContactBody, response: { 200: ContactReply, ...errors } }
  }, async (req) => {
    const { nickname, verified } = req.body
    if (nickname !== undefined) await client.setNickname(req.params.key, nickname)
    if (verified !== undefined) await client.setVerified(req.params.key, verified)
    return client.contact(req.params.key)
  })
}
