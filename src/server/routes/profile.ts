// GET /api/profile, PUT /api/profile: this user's display name and avatar, applied to every room.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { ServerClient } from '../client-api.js'
import { HttpError } from '../errors.js'
import { ErrorReply, ProfileBody, ProfileReply, type Profile } from '../schemas.js'
import { LIMITS, type AvatarMime } from '../../../views/limits.js'

function current (client: ServerClient): Profile | null {
  const p = client.profile
  if (p === null) return null
  const av = p.avatar
  // The Client takes only AVATAR_MIMES (src/client.ts), so the stored type is one of them.
  return { name: p.name, avatar: av === undefined ? null : { mime: av.mime as AvatarMime, data: av.data.toString('base64') } }
}

export const profileRoutes: FastifyPluginAsyncTypebox<{ client: ServerClient }> = async (app, { client }) => {
  app.get('/api/profile', { schema: { response: { 200: ProfileReply } } }, async () => {
    return { profile: current(client) }
  })

  app.put('/api/profile', {
    schema: { body: ProfileBody, response: { 200: ProfileReply, 400: ErrorReply, 413: ErrorReply } }
  }, async (req) => {
    const { name, avatar } = req.body
    let image: { mime: string, data: Buffer } | null | undefined
    if (avatar === null) image = null
    else if (avatar !== undefined) {
      const data = Buffer.from(avatar.data, 'base64')
      if (data.byteLength > LIMITS.avatarBytes) {
        throw new HttpError(413, 'AVATAR_TOO_LARGE', `The avatar is ${data.byteLength} bytes; the limit is ${LIMITS.avatarBytes}`)
      }
      image = { mime: avatar.mime, data }
    }
    await client.setProfile(image === undefined ? { name } : { name, avatar: image })
    return { profile: current(client) }
  })
}
