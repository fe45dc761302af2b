// The part of the SDK (src/client.ts) that the HTTP server uses. Declared structurally so the
// server depends on behaviour, not on a class: the real Client satisfies it.
import type { EventEmitter } from 'node:events'
import type { Message } from '../message.js'
import type { RoomStatus, Member } from '../room.js'

export interface AvatarImage { mime: string, data: Buffer }
export interface Profile { name: string, avatar?: AvatarImage }

// The data shapes are the SDK's own.
export type { Message } from '../message.js'
export type { RoomStatus, Member } from '../room.js'

export interface ServerRoom extends EventEmitter {
  readonly id: string
  readonly alias: string
  readonly writerKey: string
  readonly isOwner: boolean
  readonly role: 'owner' | 'admin' | 'member' | null
  readonly removed: boolean
  readonly status: RoomStatus
  /** Set when a newer build's events stopped the room: the user must update to read on. */
  readonly interrupted: Error | null
  createInvite (opts?: { expiresInMs?: number }): Promise<string>
  send (text: string, opts?: { replyTo?: string }): Promise<Message>
  messages (opts?: { limit?: number, before?: string }): Promise<Message[]>
  members (): Promise<Member[]>
  avatar (key: string): Promise<AvatarImage | null>
  clear (): Promise<void>
  ping (): Promise<Array<{ key: string, rtt: number }>>
  setRole (key: string, role: 'admin' | 'member'): Promise<void>
  transferOwnership (key: string): Promise<void>
  removeMember (key: string): Promise<void>
}

export interface ServerClient extends EventEmitter {
  readonly profile: Profile | null
  readonly rooms: readonly ServerRoom[]
  setProfile (p: { name: string, avatar?: AvatarImage | null }): Promise<void>
  createRoom (alias: string): Promise<ServerRoom>
  joinRoom (invite: string, alias?: string): Promise<ServerRoom>
  room (id: string): ServerRoom | undefined
  leaveRoom (id: string, opts?: { anyway?: boolean }): Promise<void>
}
