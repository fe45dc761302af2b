// What crosses the local node's HTTP API, declared once as TypeBox schemas: Fastify validates
// requests with them (400 naming the field), the type provider gives the routes their types,
// and the UI imports the Static types (type-only, through ui/types.ts). Limits and patterns come
// from views/limits.ts, which the event schema and the UI read too.
//
// By what they are: the shared building blocks (schemas/common.ts), what the node answers
// (schemas/replies.ts), the live stream (schemas/stream.ts) and what it takes (schemas/requests.ts).
export * from './schemas/replies.js'
export * from './schemas/stream.js'
export * from './schemas/requests.js'
