// The building blocks the API's schemas share (src/server/schemas.ts): keys, message ids and
// the trimmed strings people type. Patterns and limits come from views/limits.ts.
import { Type } from '@sinclair/typebox'
import { PATTERNS } from '../../../views/limits.js'

export const Key = Type.String({ pattern: PATTERNS.hex32 })
export const MessageId = Type.String({ pattern: PATTERNS.messageId })
export const NotifyLevel = () => Type.Union([Type.Literal('all'), Type.Literal('mentions'), Type.Literal('never')])
export const Trimmed = (maxLength: number) => Type.String({ minLength: 1, maxLength, pattern: PATTERNS.trimmed })
