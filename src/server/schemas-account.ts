// What crosses the HTTP API for this person's devices (docs/architecture.md §16): the device
// list, a link code, joining an account with one. TypeBox, as src/server/schemas.ts.
import { Type, type Static } from '@sinclair/typebox'
import { LIMITS, PATTERNS } from '../../views/limits.js'

const Key = Type.String({ pattern: PATTERNS.hex32 })

export const Device = Type.Object({
  key: Key,
  name: Type.String(),
  /** When it was linked (ms since the epoch, the linking device's clock). */
  linked: Type.Integer(),
  /** This device. */
  current: Type.Boolean()
})
export type Device = Static<typeof Device>

export const DevicesReply = Type.Object({
  /** This person's identity key: the same on every device. */
  identity: Key,
  /** This device was removed from the account by another of its devices. */
  removed: Type.Boolean(),
  devices: Type.Array(Device)
})
export type DevicesReply = Static<typeof DevicesReply>

export const LinkCodeReply = Type.Object({
  /** `linkup-device:…`: one use, until `expires`. */
  code: Type.String(),
  expires: Type.Integer()
})
export type LinkCodeReply = Static<typeof LinkCodeReply>

export const JoinAccountBody = Type.Object({
  code: Type.String({ minLength: 1, maxLength: 512 }),
  /** This device's name in the account's device list; the host name if omitted. */
  name: Type.Optional(Type.String({ minLength: 1, maxLength: LIMITS.nameChars, pattern: PATTERNS.trimmed }))
}, { additionalProperties: false })
export type JoinAccountBody = Static<typeof JoinAccountBody>

export const DeviceParams = Type.Object({ key: Key })
