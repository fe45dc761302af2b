// What crosses the local node's HTTP API, declared once as TypeBox schemas: Fastify validates
// requests with them (400 naming the field), the type provider gives the routes their types,
// and the UI imports the Static types (type-only, through ui/types.ts). Limits and patterns come
// from views/limits.ts, which the event schema and the UI read too.
import { Type, type Static, type TSchema } from '@sinclair/typebox'
import { API_LIMITS, AVATAR_MIMES, LIMITS, PATTERNS, TIMES } from '../../views/limits.js'

const Key = Type.String({ pattern: PATTERNS.hex32 })
const MessageId = Type.String({ pattern: PATTERNS.messageId })
const NotifyLevel = () => Type.Union([Type.Literal('all'), Type.Literal('mentions'), Type.Literal('never')])
const Trimmed = (maxLength: number) => Type.String({ minLength: 1, maxLength, pattern: PATTERNS.trimmed })

// ---- What the node answers and streams ----

export const ErrorReply = Type.Object({
  statusCode: Type.Integer(),
  code: Type.String(),
  message: Type.String()
})
export type ErrorReply = Static<typeof ErrorReply>

export const Ok = Type.Object({ ok: Type.Boolean() })

/** An image in base64, as the profile and avatar routes send and take it. */
export const AvatarData = Type.Object({
  mime: Type.Union(AVATAR_MIMES.map(m => Type.Literal(m))),
  data: Type.String({ minLength: 4, maxLength: Math.ceil(LIMITS.avatarBytes / 3) * 4, pattern: PATTERNS.base64 })
}, { additionalProperties: false })
export type AvatarData = Static<typeof AvatarData>

export const Profile = Type.Object({ name: Type.String(), avatar: Type.Union([AvatarData, Type.Null()]) })
export type Profile = Static<typeof Profile>
export const ProfileReply = Type.Object({ profile: Type.Union([Profile, Type.Null()]) })
export type ProfileReply = Static<typeof ProfileReply>

/** The SDK's RoomStatus (src/room-peers.ts). */
export const RoomStatus = Type.Object({
  peers: Type.Integer(),
  connecting: Type.Integer(),
  behind: Type.Boolean(),
  progress: Type.Number(),
  signed: Type.Boolean(),
  /** Seeders keeping the room that this node is connected to ("kept by 1 seeder"). */
  seeders: Type.Integer(),
  /** A connected seeder holds every block this device wrote in the room. */
  kept: Type.Boolean(),
  /** The room is still opening after a start (the other fields say nothing yet). */
  opening: Type.Boolean()
})
export type RoomStatus = Static<typeof RoomStatus>

/** What this user has not read in a room (src/attention/unread-reads.ts). */
export const Unread = Type.Object({
  count: Type.Integer({ minimum: 0 }),
  mentions: Type.Integer({ minimum: 0 }),
  /** The first unread message, or null. */
  first: Type.Union([MessageId, Type.Null()])
})
export type Unread = Static<typeof Unread>
/** A member's role in a room (docs/architecture.md §3). */
export const RoleName = Type.Union([Type.Literal('owner'), Type.Literal('admin'), Type.Literal('member')])

export const RoomSummary = Type.Object({
  id: Key,
  alias: Type.String(),
  /** '' while the room is still opening (status.opening); a 'room' event follows once it is open. */
  writerKey: Type.Union([Key, Type.Literal('')]),
  /** Who this node is in the room, as members, authors, reactions and mentions name it: the person's identity (docs/architecture.md §16), or the writer key before one is bound; '' while the room is still opening. */
  identityKey: Type.Union([Key, Type.Literal('')]),
  isOwner: Type.Boolean(),
  /** This device's role in the room; null once it was removed. */
  role: Type.Union([RoleName, Type.Null()]),
  /** This device was removed from the room (its history stays readable here). */
  removed: Type.Boolean(),
  status: RoomStatus,
  /** The room's cores are encrypted (rooms made before encryption are not, and take no seeder). */
  encrypted: Type.Boolean(),
  /** Why the room stopped (a member runs a newer LinkUp), or null. */
  interrupted: Type.Union([Type.String(), Type.Null()]),
  unread: Unread,
  /** When this node notifies for the room: its own level, or null for the overall one. */
  notify: Type.Union([NotifyLevel(), Type.Null()])
})
export type RoomSummary = Static<typeof RoomSummary>

/** A join waiting for a member to admit this node, or how it ended (src/server/joins.ts). */
export const PendingJoin = Type.Object({
  /** The room's id (its key), from the invite. */
  id: Key,
  state: Type.Union([Type.Literal('waiting'), Type.Literal('joined'), Type.Literal('failed'), Type.Literal('cancelled')]),
  /** When the join started, and when it gives up (ms). */
  since: Type.Integer(),
  deadline: Type.Integer(),
  /** Joined: the room. */
  room: Type.Optional(RoomSummary),
  /** Failed or cancelled: why (a LinkUpError's code and message). */
  error: Type.Optional(Type.Object({ code: Type.String(), message: Type.String() }))
})
export type PendingJoin = Static<typeof PendingJoin>

/** Where a file message's bytes are (views/schema.ts FileRef), with an audio's duration. */
export const FileInfo = Type.Object({
  drive: Key,
  path: Type.String(),
  name: Type.String(),
  mime: Type.String(),
  size: Type.Number(),
  version: Type.Optional(Type.Number()),
  duration: Type.Optional(Type.Number())
})
export type FileInfo = Static<typeof FileInfo>

/** The SDK's Message (src/message.ts). */
export const Message = Type.Object({
  id: MessageId,
  type: Type.Union([Type.Literal('text'), Type.Literal('file'), Type.Literal('audio')]),
  author: Type.Object({ key: Key, device: Type.Optional(Key), name: Type.String() }),
  text: Type.Optional(Type.String()),
  file: Type.Optional(FileInfo),
  replyTo: Type.Union([MessageId, Type.Null()]),
  mentions: Type.Array(Key),
  /** The sender's claim, bounded to a valid Date. */
  timestamp: Type.Integer({ minimum: 0, maximum: TIMES.lastValid }),
  /** When this node first saw it: only when the claim is far off (views/limits.ts TIMES). */
  firstSeen: Type.Optional(Type.Integer()),
  /** The editor's claim at the last edit, bounded like timestamp; null if never edited. */
  edited: Type.Union([Type.Integer({ minimum: 0, maximum: TIMES.lastValid }), Type.Null()]),
  deleted: Type.Boolean(),
  /** Emoji → the member keys that reacted with it. */
  reactions: Type.Record(Type.String(), Type.Array(Key)),
  position: Type.Number(),
  seen: Type.Boolean()
})
export type Message = Static<typeof Message>

/** The SDK's Member (src/names/member.ts): who they are in the room and how to show them. */
export const Member = Type.Object({
  key: Key,
  /** The name they gave themselves, cleaned of hidden characters; null without a profile. */
  name: Type.Union([Type.String(), Type.Null()]),
  role: RoleName,
  hasAvatar: Type.Boolean(),
  online: Type.Boolean(),
  /** The short fingerprint of their key (longer when a lookalike's would be the same). */
  fingerprint: Type.String(),
  /** Other members whose shown names look the same as this one's. */
  lookalikes: Type.Array(Key),
  hiddenCharacters: Type.Boolean(),
  /** This user's nickname for them (local only). */
  nickname: Type.Union([Type.String(), Type.Null()]),
  verified: Type.Boolean()
})
export type Member = Static<typeof Member>

export const RoomsReply = Type.Object({ rooms: Type.Array(RoomSummary) })
export const TypingReply = Type.Object({ sent: Type.Boolean() })
/** client.search's results, newest first; `terms` are the message's words that matched. */
export const SearchReply = Type.Object({
  results: Type.Array(Type.Object({ roomId: Key, message: Message, terms: Type.Array(Type.String()) }))
})
export type SearchReply = Static<typeof SearchReply>
export const MessagesReply = Type.Object({ messages: Type.Array(Message) })
export const MembersReply = Type.Object({ members: Type.Array(Member) })
export const InviteReply = Type.Object({ invite: Type.String(), id: Key })
/** The SDK's LiveInvite (src/room-invites.ts). */
export const LiveInvite = Type.Object({
  id: Key,
  by: Type.Object({ key: Key, name: Type.String() }),
  created: Type.Union([Type.Number(), Type.Null()]),
  expires: Type.Union([Type.Number(), Type.Null()]),
  uses: Type.Union([Type.Integer(), Type.Null()]),
  usesLeft: Type.Union([Type.Integer(), Type.Null()])
})
export type LiveInvite = Static<typeof LiveInvite>
export const InvitesReply = Type.Object({ invites: Type.Array(LiveInvite), adminsOnly: Type.Boolean() })
export type InvitesReply = Static<typeof InvitesReply>
export const ContactReply = Type.Object({ nickname: Type.Union([Type.String(), Type.Null()]), verified: Type.Boolean() })
export type ContactReply = Static<typeof ContactReply>
export const AvatarReply = Type.Object({ avatar: Type.Union([AvatarData, Type.Null()]) })
export const PingReply = Type.Object({ peers: Type.Array(Type.Object({ key: Key, rtt: Type.Number() })) })
export const LinkReply = Type.Object({ url: Type.String(), expires: Type.Integer() })
export type RoomsReply = Static<typeof RoomsReply>
export type MessagesReply = Static<typeof MessagesReply>
export type MembersReply = Static<typeof MembersReply>
export type InviteReply = Static<typeof InviteReply>
export type AvatarReply = Static<typeof AvatarReply>
export type PingReply = Static<typeof PingReply>
export type LinkReply = Static<typeof LinkReply>

/** When this node raises desktop notifications: overall, and rooms with their own level. */
export const NotifySettings = Type.Object({
  all: NotifyLevel(),
  rooms: Type.Record(Type.String({ pattern: PATTERNS.hex32 }), NotifyLevel())
})
export type NotifySettings = Static<typeof NotifySettings>

const event = <T extends string, P extends Record<string, TSchema>>(type: T, fields: P) =>
  Type.Object({ type: Type.Literal(type), ...fields })

/** The live stream (GET /api/events): one of these per Server-Sent Event, as its data. */
export const StreamEvent = Type.Union([
  event('hello', { rooms: Type.Array(RoomSummary), joins: Type.Array(PendingJoin) }),
  /** A join started or ended. */
  event('join', { join: PendingJoin }),
  event('room', { room: RoomSummary }),
  event('room-removed', { room: Key }),
  event('message', { room: Key, message: Message }),
  /** A message already in the view was edited, deleted or reacted to: patch it in place. */
  event('update', { room: Key, message: Message }),
  /** History was reordered: reread what is shown. */
  event('reset', { room: Key }),
  event('status', { room: Key, status: RoomStatus }),
  /** A member's profile (name, avatar) changed. */
  event('profile', { room: Key }),
  event('cleared', { room: Key }),
  /** What this user has not read in the room changed (a message, a read marker moving, ~clear). */
  event('unread', { room: Key, unread: Unread }),
  /** Who is typing in the room now (ephemeral: never stored). */
  event('typing', { room: Key, typists: Type.Array(Type.Object({ key: Key, name: Type.String() })) }),
  /** The notification settings changed. */
  event('notifications', { settings: NotifySettings }),
  /** This user's messages up to writer seq `seq` have reached a peer. */
  event('seen', { room: Key, seq: Type.Integer() }),
  event('interrupted', { room: Key, message: Type.String() }),
  event('download-progress', { room: Key, id: MessageId, bytes: Type.Integer(), total: Type.Integer() }),
  /** Who is in the room, their roles or its invites changed: reread members and invites. */
  event('access', { room: Key }),
  /** This device's role in the room changed (null: no longer a member). */
  event('role', { room: Key, role: Type.Union([RoleName, Type.Null()]) }),
  /** This device was removed from the room (by: the remover's writer key, when known). */
  event('removed', { room: Key, by: Type.Union([Key, Type.Null()]) }),
  /** This user's nickname or verification of a key changed (local). */
  event('contact', { key: Key }),
  /** Another device of the account removed this one (docs/architecture.md §16.4). */
  event('device-removed', {})
])
export type StreamEvent = Static<typeof StreamEvent>

// ---- What the node takes ----

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
