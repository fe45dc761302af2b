// The part of the SDK that the HTTP server uses: the real Client and Room, narrowed by name, so
// what the server relies on is listed in one place and the compiler checks it against the SDK.
import type { Client } from '../client.js'
import type { Room } from '../room.js'

export type ServerRoom = Pick<Room,
  | 'id' | 'alias' | 'writerKey' | 'identityKey' | 'isOwner' | 'role' | 'mayInvite' | 'removed' | 'status' | 'interrupted' | 'on' | 'off'
  | 'createInvite' | 'invites' | 'revokeInvite' | 'invitePolicy' | 'setInvitePolicy'
  | 'setRole' | 'transferOwnership' | 'removeMember' | 'send' | 'edit' | 'delete' | 'react' | 'unreact' | 'unread' | 'markRead' | 'typing' | 'messages' | 'message' | 'members' | 'avatar' | 'clear' | 'ping'
  | 'encrypted' | 'seeders' | 'addSeeder' | 'removeSeeder'
  | 'sendFile' | 'sendAudio' | 'fileInfo' | 'createFileStream' | 'maxFileBytes'>

export interface ServerClient extends Pick<Client, 'profile' | 'setProfile' | 'notifications' | 'setNotifications' | 'typingIndicators' | 'setTypingIndicators' | 'search' | 'createRoom' | 'joinRoom' | 'leaveRoom' | 'contact' | 'setNickname' | 'setVerified' | 'on' | 'off'
  | 'identity' | 'accountRemoved' | 'devices' | 'linkDevice' | 'joinAccount' | 'removeDevice'> {
  readonly rooms: readonly ServerRoom[]
  room (id: string): ServerRoom | undefined
}

export type { Message } from '../message.js'
export type { RoomStatus, Member } from '../room.js'
