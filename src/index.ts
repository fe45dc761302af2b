// The LinkUp SDK.
export { Client, type ClientOptions, type Profile } from './client.js'
export { Room, type RoomStatus, type Member } from './room.js'
export type { Message } from './message.js'
export { LinkUpError, type ErrorCode } from './errors.js'
export { INVITE_PATTERN } from './invite.js'
export type { FileSource, ReadOptions, StreamOptions, FileInfo, DownloadProgress } from './files/room-files.js'
export { MAX_FILE_BYTES } from './files/names.js'
