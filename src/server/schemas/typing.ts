// GET and PUT /api/typing-indicators (docs/architecture.md §15.4): whether this node sends
// "typing" to the peers and shows theirs. Its own file: src/server/schemas.ts is being split.
import { Type, type Static } from '@sinclair/typebox'

export const TypingIndicators = Type.Object({ on: Type.Boolean() }, { additionalProperties: false })
export type TypingIndicators = Static<typeof TypingIndicators>
