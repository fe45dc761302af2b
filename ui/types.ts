// The JSON shapes of the local node's HTTP API and live stream. Declared once, as TypeBox
// schemas in src/server/schemas.ts; the UI takes their types only (nothing of the server or of
// TypeBox is bundled).
export type { AvatarData, FileInfo, Member, Message, Profile, RoomStatus, RoomSummary, StreamEvent } from '../src/server/schemas.js'
