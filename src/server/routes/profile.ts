// GET /api/profile, PUT /api/profile: this user's display name and avatar, applied to every room.
import type { FastifyInstance } from 'fastify'
import type { ServerClient } from '../client-api.js'
import { HttpError } from '../errors.js'
import { ErrorReply, ProfileBody, ProfileReply } from '../schemas.js'
import { LIMITS } from '../../../views/schema.js'

export function profileRoutes (app: FastifyInstance, client: ServerClient): void {
  app.get('/api/profile', { schema: { response: { 200: ProfileReply } } }, async () => {
    const p = client.profile
    if (p === null) return { profile: null }
    const avatar = p.avatar === undefined ? null : { mime: p.avatar.mime, data: p.avatar.data.toString('base64') }
    return { profile: { name: p.name, avatar } }
  })

  app.put<{ Body: ProfileBody }>('/api/profile', {
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
    const av = client.profile?.avatar
    return { profile: { name, avatar: av === undefined ? null : { mime: av.mime, data: av.data.toString('base64') } } }
  })
}
