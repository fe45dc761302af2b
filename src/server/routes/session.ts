// POST /session { code }: trades a one-time login code (the printed URL's fragment) for a
// session cookie (src/server/session.ts). Public, outside /api/: the code is the credential.
// JSON only, so a page on another site cannot post it without a preflight; the Origin check
// (security.ts) refuses any other page on this machine.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { HttpError } from '../errors.js'
import { ErrorReply } from '../schemas.js'
import type { LoginCodes, Sessions } from '../session.js'

const LoginBody = Type.Object({ code: Type.String({ maxLength: 64 }) }, { additionalProperties: false })

export const sessionRoutes: FastifyPluginAsyncTypebox<{ codes: LoginCodes, sessions: Sessions }> = async (app, { codes, sessions }) => {
  app.post('/session', {
    config: { public: true },
    schema: { body: LoginBody, response: { 204: Type.Null(), 400: ErrorReply, 401: ErrorReply } }
  }, async (req, reply) => {
    if (!codes.use(req.body.code)) {
      throw new HttpError(401, 'LOGIN_CODE_USED', 'This link has been used or has expired. Each link that `linkup serve` prints works once, within 10 minutes: restart it to print a new one.')
    }
    return reply.code(204).header('set-cookie', sessions.header(sessions.create())).send(null)
  })
}
