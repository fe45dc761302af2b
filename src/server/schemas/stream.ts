// What the node streams (src/server/schemas.ts): the live stream's events, GET /api/events.
import { Type, type Static, type TSchema } from '@sinclair/typebox'
import { Key, MessageId } from './common.js'
import { Message, NotifySettings, PendingJoin, RoleName, RoomStatus, RoomSummary, Unread } from './replies.js'

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
  /** This device's role in the room, or whether it may invite there (RoomSummary.mayInvite), changed (role null: no longer a member). */
  event('role', { room: Key, role: Type.Union([RoleName, Type.Null()]), mayInvite: Type.Boolean() }),
  /** This device was removed from the room (by: the remover's writer key, when known). */
  event('removed', { room: Key, by: Type.Union([Key, Type.Null()]) }),
  /** This user's nickname or verification of a key changed (local). */
  event('contact', { key: Key }),
  /** Another device of the account removed this one (docs/architecture.md §16.4). */
  event('device-removed', {})
])
export type StreamEvent = Static<typeof StreamEvent>
