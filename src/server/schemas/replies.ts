// What the node answers (src/server/schemas.ts): the SDK's records as the API sends them.
import { Type, type Static } from '@sinclair/typebox'
import { AVATAR_MIMES, LIMITS, PATTERNS, TIMES } from '../../../views/limits.js'
import { Key, MessageId, NotifyLevel } from './common.js'

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
  /** Writers online in the room, this device's included (Member.online is counted from the same). */
  online: Type.Integer(),
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
  /** This device may invite people here now: a member, and an owner or admin when only admins invite (Room.mayInvite). */
  mayInvite: Type.Boolean(),
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
