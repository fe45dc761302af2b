// Field checks shared by the event decoders (views/schema.ts, views/schema-trust.ts).
// Deterministic and pure: each reads only the value it is given and never throws. The
// patterns are declared once, with the other wire limits (views/limits.ts).
import { HEX64_RE, isHex32 } from './limits.js'

export type Fields = Record<string, unknown>

/** A 32-byte key (writer, invite pub, drive, device) as 64 lower-case hex. */
export const isKey = isHex32
/** A 64-byte signature as 128 lower-case hex. */
export const isSig = (x: unknown): x is string => typeof x === 'string' && HEX64_RE.test(x)
/** A time, size, version or duration: a safe integer >= 0. */
export const isTime = (x: unknown): x is number => Number.isSafeInteger(x) && (x as number) >= 0
export const isText = (x: unknown, max: number): x is string => typeof x === 'string' && x.length > 0 && x.length <= max
