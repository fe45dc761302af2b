// The part of the SDK (src/client.ts) that the HTTP server uses. Declared structurally so the
// server depends on behaviour, not on a class: the real Client satisfies it.
import type { EventEmitter } from 'node:events'

export interface AvatarImage { mime: string, data: Buffer }
export interface Profile { name: string, avatar?: AvatarImage }

export interface RoomStatus { peers: number, connecting: number, behind: boolean, progress: number, signed: boolean }

export interface FileInfo {
  drive: string
  path: string
  name: string
  mime: string
  size: number
  version?: number
  duration?: number
}

export interface Message {
  id: string
  type: 'text' | 'file' | 'audio'
  author: { key: string, name: string }
  text?: string
  file?: FileInfo
  replyTo?: string
  timestamp: number
  position: number
  seen: boolean
}

export interface Member { key: string, name: string | null, role: 'owner' | 'member', hasAvatar: boolean, online: boolean }

export interface ServerRoom extends EventEmitter {
  readonly id: string
  readonly alias: string
  readonly writerKey: string
  readonly isOwner: boolean
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
}

export interface ServerClient extends EventEmitter {
  readonly profile: Profile | null
  readonly rooms: readonly ServerRoom[]
  setProfile (p: { name: string, avatar?: AvatarImage | null }): Promise<void>
  createRoom (alias: string): Promise<ServerRoom>
  joinRoom (invite: string, alias?: string): Promise<ServerRoom>
  room (id: string): ServerRoom | undefined
  leaveRoom (id: string): Promise<void>
}
