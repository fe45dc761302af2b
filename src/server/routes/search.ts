// GET /api/search?q&room&author&limit: client.search over every room of this node
// (docs/architecture.md §15.2), newest first, with the words that matched for highlighting.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { ServerClient } from '../client-api.js'
import { ErrorReply, SearchQuery, SearchReply } from '../schemas.js'
import { findRoom } from './rooms.js'

export const searchRoutes: FastifyPluginAsyncTypebox<{ client: ServerClient }> = async (app, { client }) => {
  app.get('/api/search', {
    schema: { querystring: SearchQuery, response: { 200: SearchReply, 400: ErrorReply, 404: ErrorReply } }
  }, async (req) => {
    const { q, room, author, limit } = req.query
    if (room !== undefined) findRoom(client, room)
    const results = await client.search(q, { limit, ...(room === undefined ? {} : { room }), ...(author === undefined ? {} : { author }) })
    return { results }
  })
}
