// Every route's input and output, as TypeBox schemas: Fastify validates with them (400 with a
// message naming the field) and TypeScript reads the same definitions as types.
import { Type, type Static } from '@sinclair/typebox'
import { LIMITS } from '../../views/schema.js'

const HEX_KEY = '^[0-9a-f]{64}$'
/** "<writer>:<seq>", or "<writer>:<seq>.<part>" for a message of a messages-posted block. */
export const MESSAGE_ID = '^[0-9a-f]{64}:[0-9]{1,15}(\\.[0-9]{1,3})?$'

export const AVATAR_MIMES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'] as const

export const ErrorReply = Type.Object({
  statusCode: Type.Integer(),
  code: Type.String(),
  message: Type.String()
})

export const DisplayName = Type.String({ minLength: 1, maxLength: LIMITS.nameChars, pattern: '^\\S(.*\\S)?$' })

export const AvatarBody = Type.Object({
  mime: Type.Union(AVATAR_MIMES.map(m => Type.Literal(m))),
  data: Type.String({ minLength: 4, maxLength: Math.ceil(LIMITS.avatarBytes / 3) * 4, pattern: '^[A-Za-z0-9+/]+={0,2}$' })
}, { additionalProperties: false })

export const ProfileBody = Type.Object({
  name: DisplayName,
  avatar: Type.Optional(Type.Union([AvatarBody, Type.Null()]))
}, { additionalProperties: false })
export type ProfileBody = Static<typeof ProfileBody>

export const ProfileReply = Type.Object({
  profile: Type.Union([Type.Object({ name: Type.String(), avatar: Type.Union([AvatarBody, Type.Null()]) }), Type.Null()])
})

export const RoomParams = Type.Object({ id: Type.String({ pattern: HEX_KEY }) })
export type RoomParams = Static<typeof RoomParams>

export const AvatarParams = Type.Object({ id: Type.String({ pattern: HEX_KEY }), key: Type.String({ pattern: HEX_KEY }) })
export type AvatarParams = Static<typeof AvatarParams>

export const CreateRoomBody = Type.Object({
  alias: Type.String({ minLength: 1, maxLength: LIMITS.aliasChars, pattern: '^\\S(.*\\S)?$' })
}, { additionalProperties: false })
export type CreateRoomBody = Static<typeof CreateRoomBody>

export const JoinRoomBody = Type.Object({
  invite: Type.String({ minLength: 8, maxLength: 2048, pattern: '^linkup:' }),
  alias: Type.Optional(Type.String({ minLength: 1, maxLength: LIMITS.aliasChars, pattern: '^\\S(.*\\S)?$' }))
}, { additionalProperties: false })
export type JoinRoomBody = Static<typeof JoinRoomBody>

export const RoomStatus = Type.Object({
  peers: Type.Integer(),
  connecting: Type.Integer(),
  behind: Type.Boolean(),
  progress: Type.Number(),
  signed: Type.Boolean()
})

export const RoleName = Type.Union([Type.Literal('owner'), Type.Literal('admin'), Type.Literal('member')])

export const RoomSummary = Type.Object({
  id: Type.String(),
  alias: Type.String(),
  writerKey: Type.String(),
  isOwner: Type.Boolean(),
  /** This device's role in the room; null once it was removed. */
  role: Type.Union([RoleName, Type.Null()]),
  /** This device was removed from the room (its history stays readable here). */
  removed: Type.Boolean(),
  status: RoomStatus,
  /** Why the room stopped (a member runs a newer LinkUp), or null. */
  interrupted: Type.Union([Type.String(), Type.Null()])
})

export const MessagesQuery = Type.Object({
  limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  before: Type.Optional(Type.String({ pattern: MESSAGE_ID }))
}, { additionalProperties: false })
export type MessagesQuery = Static<typeof MessagesQuery>

export const SendBody = Type.Object({
  text: Type.String({ minLength: 1, maxLength: LIMITS.textChars }),
  replyTo: Type.Optional(Type.String({ pattern: MESSAGE_ID }))
}, { additionalProperties: false })
export type SendBody = Static<typeof SendBody>

export const InviteReply = Type.Object({ invite: Type.String() })

export const MessageSchema = Type.Object({
  id: Type.String(),
  type: Type.Union([Type.Literal('text'), Type.Literal('file'), Type.Literal('audio')]),
  author: Type.Object({ key: Type.String(), name: Type.String() }),
  text: Type.Optional(Type.String()),
  file: Type.Optional(Type.Object({
    drive: Type.String(),
    path: Type.String(),
    name: Type.String(),
    mime: Type.String(),
    size: Type.Number(),
    version: Type.Optional(Type.Number()),
    duration: Type.Optional(Type.Number())
  })),
  replyTo: Type.Optional(Type.String()),
  timestamp: Type.Number(),
  position: Type.Number(),
  seen: Type.Boolean()
})

export const MemberSchema = Type.Object({
  key: Type.String(),
  name: Type.Union([Type.String(), Type.Null()]),
  role: Type.Union([Type.Literal('owner'), Type.Literal('admin'), Type.Literal('member')]),
  hasAvatar: Type.Boolean(),
  online: Type.Boolean()
})

export const MemberParams = Type.Object({ id: Type.String({ pattern: HEX_KEY }), key: Type.String({ pattern: HEX_KEY }) })
export type MemberParams = Static<typeof MemberParams>

export const RoleBody = Type.Object({
  role: Type.Union([Type.Literal('admin'), Type.Literal('member')])
}, { additionalProperties: false })
export type RoleBody = Static<typeof RoleBody>

export const OwnerBody = Type.Object({ key: Type.String({ pattern: HEX_KEY }) }, { additionalProperties: false })
export type OwnerBody = Static<typeof OwnerBody>

export const LeaveBody = Type.Object({
  /** Leave although this device owns the room (it can then never be handed over). */
  anyway: Type.Optional(Type.Boolean())
}, { additionalProperties: false })
export type LeaveBody = Static<typeof LeaveBody>
