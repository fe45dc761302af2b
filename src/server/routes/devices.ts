// This person's devices (docs/architecture.md §16): GET /api/devices, POST /api/devices/link (a
// one-time code), POST /api/account/join ({ code, name? }: link this node to an account, waits
// for the answer), DELETE /api/devices/:key (remove another device, from every room too).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { ServerClient } from '../client-api.js'
import { ErrorReply, Ok } from '../schemas.js'
import { DeviceParams, DevicesReply, JoinAccountBody, LinkCodeReply } from '../schemas-account.js'

const errors = { 400: ErrorReply, 403: ErrorReply, 404: ErrorReply, 409: ErrorReply, 410: ErrorReply, 504: ErrorReply }

export const deviceRoutes: FastifyPluginAsyncTypebox<{ client: ServerClient }> = async (app, { client }) => {
  const list = async (): Promise<DevicesReply> => ({ identity: client.identity, removed: client.accountRemoved, devices: await client.devices() })

  app.get('/api/devices', { schema: { response: { 200: DevicesReply } } }, list)

  app.post('/api/devices/link', { schema: { response: { 201: LinkCodeReply, ...errors } } }, async (_req, reply) => {
    return reply.code(201).send(await client.linkDevice())
  })

  app.post('/api/account/join', { schema: { body: JoinAccountBody, response: { 200: DevicesReply, ...errors } } }, async (req) => {
    await client.joinAccount(req.body.code, req.body.name === undefined ? {} : { name: req.body.name })
    return await list()
  })

  app.delete('/api/devices/:key', { schema: { params: DeviceParams, response: { 200: Ok, ...errors } } }, async (req) => {
    await client.removeDevice(req.params.key)
    return { ok: true }
  })
}
