// The room's event schema, versions 1 to 4. Deterministic and pure: decoding reads only the bytes
// it is given. Every block a peer appends passes through decodeEvent before apply acts on it,
// so anything malformed, oversized or of the wrong type becomes `null` here and is skipped.
//
// Events are facts in the past tense. A (type, v) pair never changes meaning: evolve by adding
// optional fields, or a new v with its own decoder, keeping the old one.
import { AVATAR_MIMES, BASE64_RE, LIMITS, MESSAGE_ID_RE } from './limits.js'
import { isKey, isSig, isTime, isText, type Fields } from './checks.js'
import { decodeTrust, type TrustEvent } from './schema-trust.js'
import { decodeSeeding, type SeedingEvent } from './schema-seeders.js'
import { decodeConversation, type ConversationEvent } from './schema-conversation.js'
import { decodeInvites, type InviteEvent } from './schema-invites.js'
import { decodeDevices, type DeviceEvent } from './schema-devices.js'
import { hiddenIn } from './names.js'

export type { ConversationEvent, MentioningText } from './schema-conversation.js'
export type { Role, TrustEvent } from './schema-trust.js'
export type { InviteEvent } from './schema-invites.js'
export type { SeedingEvent } from './schema-seeders.js'
export type { DeviceEvent } from './schema-devices.js'

// The limits are declared with the other wire limits (views/limits.ts), which the UI reads too.
export { LIMITS } from './limits.js'

/**
 * The newest event version this build knows. v4 adds one person's several devices: a join that
 * names the identity, a device bound to it, a device removed (views/schema-devices.ts). v3 adds the events of conversation (edits,
 * deletions, reactions, and posting with mentions: views/schema-conversation.ts), of roles
 * and removal that holds (views/schema-trust.ts), and of the room's seeders
 * (views/schema-seeders.ts). v2 adds `messages-posted` (several text messages
 * in one block: group commit packs a burst of sends into one block, so a peer replicates and
 * applies one block for them, not one each). A build that knows only v1 stops at a member's v2
 * block and asks its user to update, rather than skipping it and drifting from everyone's view.
 */
export const EVENT_VERSION = 4

export interface Avatar { mime: string, data: string }
/** One text message: a message-posted event's fields, or one entry of a messages-posted. */
export interface PostedText { text: string, ts: number, replyTo?: string }
export interface FileRef {
  drive: string
  path: string
  name: string
  mime: string
  size: number
  /** The drive's version right after the file was written: opens exactly this version later. */
  version?: number
}

export type RoomEvent =
  | { type: 'room-created', v: 1, alias: string }
  | { type: 'invite-created', v: 1, pub: string, expires?: number }
  | { type: 'invite-revoked', v: 1, pub: string }
  | { type: 'member-joined', v: 1, invite: string, sig: string, ts: number }
  | { type: 'member-removed', v: 1, key: string }
  | { type: 'profile-set', v: 1, name: string, avatar?: Avatar | null, drive?: string }
  | { type: 'profile-set', v: 3, name: string, avatar?: Avatar | null, drive?: string }
  | { type: 'message-posted', v: 1, text: string, ts: number, replyTo?: string }
  | { type: 'messages-posted', v: 2, messages: readonly PostedText[] }
  | ({ type: 'file-posted', v: 1, ts: number } & FileRef)
  | ({ type: 'audio-posted', v: 1, ts: number, duration: number } & FileRef)
  | ConversationEvent
  | TrustEvent
  | InviteEvent
  | SeedingEvent
  | DeviceEvent

export type EventType = RoomEvent['type']

/** What a block decodes to: an event this build understands, one from a newer build, or nothing. */
export type Decoded = { kind: 'event', event: RoomEvent } | { kind: 'newer', v: number } | null

const MIME = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,63}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,63}$/
const AVATAR_MIME: ReadonlySet<string> = new Set(AVATAR_MIMES)

/** A display name: trimmed, no control characters, 1..64 characters. */
export function isName (x: unknown, max: number = LIMITS.nameChars): x is string {
  // eslint-disable-next-line no-control-regex
  return isText(x, max) && x.trim() === x && !/[\u0000-\u001f\u007f]/.test(x)
}

function avatar (x: unknown): Avatar | null | undefined | false {
  if (x === undefined || x === null) return x
  if (typeof x !== 'object') return false
  const { mime, data } = x as Fields
  if (typeof mime !== 'string' || !AVATAR_MIME.has(mime)) return false
  if (typeof data !== 'string' || data.length === 0 || data.length > Math.ceil(LIMITS.avatarBytes / 3) * 4) return false
  if (!BASE64_RE.test(data)) return false
  return { mime, data }
}

function fileRef (f: Fields): FileRef | null {
  const { drive, path, name, mime, size, version } = f
  if (!isKey(drive)) return null
  if (!isText(path, LIMITS.filePathChars) || !path.startsWith('/')) return null
  if (!isName(name, LIMITS.fileNameChars)) return null
  if (typeof mime !== 'string' || mime.length > LIMITS.mimeChars || !MIME.test(mime)) return null
  if (!isTime(size)) return null
  if (version !== undefined && !isTime(version)) return null
  const ref: FileRef = { drive, path, name, mime, size }
  if (version !== undefined) ref.version = version
  return ref
}

function postedText (f: Fields): PostedText | null {
  if (!isText(f.text, LIMITS.textChars) || f.text.trim().length === 0 || !isTime(f.ts)) return null
  if (f.replyTo !== undefined && !(typeof f.replyTo === 'string' && MESSAGE_ID_RE.test(f.replyTo))) return null
  const posted: PostedText = { text: f.text, ts: f.ts }
  if (f.replyTo !== undefined) posted.replyTo = f.replyTo
  return posted
}

/**
 * v3: each group of v3 events has its own decoder; a type none of them knows is null. A v3
 * profile-set is a v1 one whose name holds no hidden characters (views/names.ts).
 */
function decodeV3 (f: Fields): RoomEvent | null {
  switch (f.type) {
    case 'profile-set': {
      const fields = profileFields(f)
      return fields === null || hiddenIn(fields.name).length > 0 ? null : { type: 'profile-set', v: 3, ...fields }
    }
    case 'invite-created': case 'invite-revoked': case 'invite-policy-set':
      return decodeInvites(f)
    case 'seeder-added': case 'seeder-removed':
      return decodeSeeding(f)
    default:
      return decodeConversation(f) ?? decodeTrust(f)
  }
}

interface ProfileFields { name: string, avatar?: Avatar | null, drive?: string }

function profileFields (f: Fields): ProfileFields | null {
  const av = avatar(f.avatar)
  if (!isName(f.name) || av === false) return null
  if (f.drive !== undefined && !isKey(f.drive)) return null
  const fields: ProfileFields = { name: f.name }
  if (av !== undefined) fields.avatar = av
  if (f.drive !== undefined) fields.drive = f.drive
  return fields
}

/** v2 adds one event; every other type stays at v1. */
function decodeV2 (f: Fields): RoomEvent | null {
  if (f.type !== 'messages-posted') return null
  const { messages } = f
  if (!Array.isArray(messages) || messages.length === 0 || messages.length > LIMITS.packedMessages) return null
  const out: PostedText[] = []
  for (const m of messages) {
    const posted = m !== null && typeof m === 'object' && !Array.isArray(m) ? postedText(m as Fields) : null
    if (posted === null) return null // one bad entry makes the whole block invalid: all or nothing
    out.push(posted)
  }
  return { type: 'messages-posted', v: 2, messages: out }
}

function decodeV1 (f: Fields): RoomEvent | null {
  switch (f.type) {
    case 'room-created':
      return isName(f.alias, LIMITS.aliasChars) ? { type: 'room-created', v: 1, alias: f.alias } : null
    case 'invite-created':
      if (!isKey(f.pub) || (f.expires !== undefined && !isTime(f.expires))) return null
      return f.expires === undefined
        ? { type: 'invite-created', v: 1, pub: f.pub }
        : { type: 'invite-created', v: 1, pub: f.pub, expires: f.expires }
    case 'invite-revoked':
      return isKey(f.pub) ? { type: 'invite-revoked', v: 1, pub: f.pub } : null
    case 'member-joined':
      if (!isKey(f.invite) || !isSig(f.sig) || !isTime(f.ts)) return null
      return { type: 'member-joined', v: 1, invite: f.invite, sig: f.sig, ts: f.ts }
    case 'member-removed':
      return isKey(f.key) ? { type: 'member-removed', v: 1, key: f.key } : null
    case 'profile-set': {
      const fields = profileFields(f)
      return fields === null ? null : { type: 'profile-set', v: 1, ...fields }
    }
    case 'message-posted': {
      const posted = postedText(f)
      return posted === null ? null : { type: 'message-posted', v: 1, ...posted }
    }
    case 'file-posted': {
      const ref = fileRef(f)
      if (ref === null || !isTime(f.ts)) return null
      return { type: 'file-posted', v: 1, ts: f.ts, ...ref }
    }
    case 'audio-posted': {
      const ref = fileRef(f)
      if (ref === null || !isTime(f.ts) || !isTime(f.duration)) return null
      return { type: 'audio-posted', v: 1, ts: f.ts, duration: f.duration, ...ref }
    }
    default:
      return null
  }
}

/** Decodes and validates one block. Never throws. */
export function decodeEvent (block: Uint8Array | null): Decoded {
  if (block === null || !(block instanceof Uint8Array) || block.byteLength > LIMITS.blockBytes) return null
  let f: unknown
  try {
    f = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(block))
  } catch {
    return null
  }
  if (f === null || typeof f !== 'object' || Array.isArray(f)) return null
  const { v } = f as Fields
  if (!Number.isSafeInteger(v) || (v as number) < 1) return null
  if ((v as number) > EVENT_VERSION) return { kind: 'newer', v: v as number }
  const event = v === 1 ? decodeV1(f as Fields) : v === 2 ? decodeV2(f as Fields) : v === 3 ? decodeV3(f as Fields) : decodeDevices(f as Fields)
  return event === null ? null : { kind: 'event', event }
}

/** Encodes an event for appending. The caller validates first (see decodeEvent). */
export function encodeEvent (event: RoomEvent): Buffer {
  return Buffer.from(JSON.stringify(event))
}
