// A room's seeders (docs/architecture.md §14): GET /api/rooms/:id/seeders, POST
// /api/rooms/:id/seeders ({ key }), DELETE /api/rooms/:id/seeders/:key. A room made before
// encryption answers 409 NOT_ENCRYPTED; a key that is not one, 400.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { ServerClient } from '../client-api.js'
import { ErrorReply, MemberParams, Ok, RoomParams, SeederBody, SeedersReply } from '../schemas.js'
import { findRoom } from './rooms.js'

const errors = { 400: ErrorReply, 403: ErrorReply, 404: ErrorReply, 409: ErrorReply }

export const seederRoutes: FastifyPluginAsyncTypebox<{ client: ServerClient }> = async (app, { client }) => {
  app.get('/api/rooms/:id/seeders', {
    schema: { params: RoomParams, response: { 200: SeedersReply, ...errors } }
  }, async (req) => {
    const room = findRoom(client, req.params.id)
    return { seeders: room.seeders, encrypted: room.encrypted }
  })

  app.post('/api/rooms/:id/seeders', {
    schema: { params: RoomParams, body: SeederBody, response: { 201: SeedersReply, ...errors } }
  }, async (req, reply) => {
    const room = findRoom(client, req.params.id)
    await room.addSeeder(req.body.key)
    return reply.code(201).send({ seeders: room.seeders, encrypted: room.encrypted })
  })

  app.delete('/api/rooms/:id/seeders/:key', {
    schema: { params: MemberParams, response: { 200: Ok, ...errors } }
  }, async (req) => {
    await findRoom(client, req.params.id).removeSeeder(req.params.key)
    return { ok: true }
  })
}
