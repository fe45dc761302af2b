// What the node takes (src/server/schemas.ts): route params, query strings and bodies. Every
// body refuses properties it does not know.
import { Type, type Static } from '@sinclair/typebox'
import { API_LIMITS, LIMITS, PATTERNS } from '../../../views/limits.js'
import { Key, MessageId, NotifyLevel, Trimmed } from './common.js'
import { AvatarData } from './replies.js'

export const SearchQuery = Type.Object({
  q: Type.String({ minLength: 1, maxLength: 200 }),
  room: Type.Optional(Key),
  author: Type.Optional(Key),
  limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 })
}, { additionalProperties: false })
export type SearchQuery = Static<typeof SearchQuery>

export const ReadBody = Type.Object({
  /** Read up to this message; omitted, all of the room. */
  upTo: Type.Optional(MessageId)
}, { additionalProperties: false })
export type ReadBody = Static<typeof ReadBody>

/** One room's level (null: the overall one), or the overall level when room is omitted. */
export const NotifyBody = Type.Object({
  room: Type.Optional(Key),
  level: Type.Union([NotifyLevel(), Type.Null()])
}, { additionalProperties: false })
export type NotifyBody = Static<typeof NotifyBody>

export const RoomParams = Type.Object({ id: Key })
export const InviteParams = Type.Object({ id: Key, invite: Key })
export const KeyParams = Type.Object({ key: Key })

/** POST /api/rooms/:id/invites: expiry and uses, both optional (never, no limit). */
export const CreateInviteBody = Type.Object({
  expiresInMs: Type.Optional(Type.Integer({ minimum: 1, maximum: 10 * 365 * 24 * 3600 * 1000 })),
  uses: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 }))
}, { additionalProperties: false })
export type CreateInviteBody = Static<typeof CreateInviteBody>
export const InvitePolicyBody = Type.Object({ adminsOnly: Type.Boolean() }, { additionalProperties: false })
export type InvitePolicyBody = Static<typeof InvitePolicyBody>
/** PUT /api/contacts/:key: a nickname (null removes it) and/or verified. */
export const ContactBody = Type.Object({
  nickname: Type.Optional(Type.Union([Trimmed(LIMITS.nameChars), Type.Null()])),
  verified: Type.Optional(Type.Boolean())
}, { additionalProperties: false })
export type ContactBody = Static<typeof ContactBody>
export const AvatarParams = Type.Object({ id: Key, key: Key })
export const FileParams = Type.Object({ id: Key, mid: MessageId })
export const MessageParams = Type.Object({ id: Key, mid: MessageId })
export const JoinParams = Type.Object({ id: Key })
export const MemberParams = Type.Object({ id: Key, key: Key })

export const RoleBody = Type.Object({
  role: Type.Union([Type.Literal('admin'), Type.Literal('member')])
}, { additionalProperties: false })
export type RoleBody = Static<typeof RoleBody>

export const OwnerBody = Type.Object({ key: Key }, { additionalProperties: false })
/** A seeder's key as `linkup seed` prints it (the SDK checks it and says what is wrong). */
export const SeederBody = Type.Object({ key: Type.String({ maxLength: 200 }) }, { additionalProperties: false })
export type SeederBody = Static<typeof SeederBody>
export const SeedersReply = Type.Object({ seeders: Type.Array(Key), encrypted: Type.Boolean() })
export type SeedersReply = Static<typeof SeedersReply>
export type OwnerBody = Static<typeof OwnerBody>

/** Optional: no body leaves as anyone may; the owner needs `anyway` (else 409 LAST_ADMIN). */
export const LeaveBody = Type.Object({
  /** Leave although this device owns the room (it can then never be handed over). */
  anyway: Type.Optional(Type.Boolean())
}, { additionalProperties: false })
export type LeaveBody = Static<typeof LeaveBody>

export const ProfileBody = Type.Object({
  name: Trimmed(LIMITS.nameChars),
  avatar: Type.Optional(Type.Union([AvatarData, Type.Null()]))
}, { additionalProperties: false })
export type ProfileBody = Static<typeof ProfileBody>

export const CreateRoomBody = Type.Object({ alias: Trimmed(LIMITS.aliasChars) }, { additionalProperties: false })
export type CreateRoomBody = Static<typeof CreateRoomBody>

export const JoinRoomBody = Type.Object({
  invite: Type.String({ minLength: 8, maxLength: API_LIMITS.inviteChars, pattern: PATTERNS.invite }),
  alias: Type.Optional(Trimmed(LIMITS.aliasChars))
}, { additionalProperties: false })
export type JoinRoomBody = Static<typeof JoinRoomBody>

export const MessagesQuery = Type.Object({
  limit: Type.Integer({ minimum: 1, maximum: API_LIMITS.pageMessages, default: 50 }),
  before: Type.Optional(MessageId),
  /** The page that starts just after this message (not with `before`). */
  after: Type.Optional(MessageId)
}, { additionalProperties: false })

const Mentions = Type.Optional(Type.Array(Key, { minItems: 1, maxItems: LIMITS.mentions, uniqueItems: true }))

export const SendBody = Type.Object({
  text: Type.String({ minLength: 1, maxLength: LIMITS.textChars }),
  replyTo: Type.Optional(MessageId),
  mentions: Mentions
}, { additionalProperties: false })
export type SendBody = Static<typeof SendBody>

export const EditBody = Type.Object({
  text: Type.String({ minLength: 1, maxLength: LIMITS.textChars }),
  mentions: Mentions
}, { additionalProperties: false })
export type EditBody = Static<typeof EditBody>

/** One emoji: the SDK checks it is one grapheme of at most LIMITS.emojiBytes bytes. */
export const ReactionBody = Type.Object({
  emoji: Type.String({ minLength: 1, maxLength: LIMITS.emojiBytes })
}, { additionalProperties: false })
export type ReactionBody = Static<typeof ReactionBody>

const Version = Type.Optional(Type.Integer({ minimum: 0 }))
export const UploadQuery = Type.Object({ name: Type.String({ minLength: 1, maxLength: API_LIMITS.uploadNameChars }) }, { additionalProperties: false })
export const AudioQuery = Type.Object({ duration: Type.Integer({ minimum: 0, maximum: 24 * 3600 * 1000 }) }, { additionalProperties: false })
export const DownloadQuery = Type.Object({ version: Version, download: Type.Optional(Type.Boolean()) }, { additionalProperties: false })
export const LinkQuery = Type.Object({ version: Version }, { additionalProperties: false })
/** A signed /media link's query (src/server/files/links.ts). */
export const MediaQuery = Type.Object({
  v: Version,
  exp: Type.Integer({ minimum: 0 }),
  sig: Type.String({ pattern: PATTERNS.hex32 }),
  download: Type.Optional(Type.Boolean())
}, { additionalProperties: false })
