// The JSON shapes of the local node's HTTP API (src/server/schemas.ts), as the UI sees them.

export interface RoomStatus { peers: number, connecting: number, behind: boolean, progress: number, signed: boolean }

export type Role = 'owner' | 'admin' | 'member'

export interface RoomSummary {
  id: string
  alias: string
  writerKey: string
  isOwner: boolean
  /** This device's role; null once it was removed. */
  role: Role | null
  /** This device was removed from the room: nothing new reaches it. */
  removed: boolean
  status: RoomStatus
  interrupted: string | null
}

export interface FileInfo { drive: string, path: string, name: string, mime: string, size: number, version?: number, duration?: number }

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

export interface Member { key: string, name: string | null, role: Role, hasAvatar: boolean, online: boolean }

export interface AvatarData { mime: string, data: string }

export interface Profile { name: string, avatar: AvatarData | null }

export type StreamEvent =
  | { type: 'hello', rooms: RoomSummary[] }
  | { type: 'room', room: RoomSummary }
  | { type: 'room-removed', room: string }
  | { type: 'message', room: string, message: Message }
  | { type: 'reset', room: string }
  | { type: 'status', room: string, status: RoomStatus }
  | { type: 'profile', room: string }
  | { type: 'cleared', room: string }
  | { type: 'seen', room: string, seq: number }
  | { type: 'interrupted', room: string, message: string }
  | { type: 'role', room: string, role: Role | null }
  | { type: 'removed', room: string, by: string | null }
  | { type: 'download-progress', room: string, id: string, bytes: number, total: number }
