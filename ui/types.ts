// The JSON shapes of the local node's HTTP API and live stream. Declared once, as TypeBox
// schemas in src/server/schemas.ts; the UI takes their types only (nothing of the server or of
// TypeBox is bundled), so a request or reply the server would not accept fails to compile here.
export type {
  AvatarData, FileInfo, Member, Message, PendingJoin, Profile, RoomStatus, RoomSummary, StreamEvent,
  AvatarReply, ErrorReply, InviteReply, LinkReply, MembersReply, MessagesReply, PingReply, ProfileReply, RoomsReply,
  CreateRoomBody, EditBody, JoinRoomBody, ProfileBody, ReactionBody, SendBody,
  LiveInvite, InvitesReply, ContactReply, CreateInviteBody, InvitePolicyBody, RoleBody, OwnerBody, ContactBody,
  SeederBody, SeedersReply,
  Unread, NotifySettings, NotifyBody, ReadBody, SearchReply
} from '../src/server/schemas.js'
export type { Device, DevicesReply, LinkCodeReply, JoinAccountBody } from '../src/server/schemas-account.js'
export type NotifyLevel = import('../src/server/schemas.js').NotifySettings['all']
