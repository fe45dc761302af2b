// The shape of local-state.json and its checker. A file that does not parse, or holds a field
// of the wrong shape (`rooms: null`, a room without its namespace), is damaged as a whole: a
// half-trusted room list would open the wrong namespaces or drop rooms without a word.
import type { Contact } from './names/identities.js'
import { isHex32 } from '../views/limits.js'

export interface LocalRoom {
  /** The Corestore namespace of this room's Autobase (one base per namespace). */
  namespace: string
  alias: string
  /** Whether the user chose the alias; a joined room's default follows the room's own name. */
  named?: boolean
}

export interface LocalProfile { name: string, avatar?: { mime: string, data: string } }

/** A ~clear marker: per writer, the last seq hidden. Positions move on merges; seqs do not. */
export type ClearMarker = Record<string, number>

export interface State {
  version: 1
  profile: LocalProfile | null
  rooms: Record<string, LocalRoom>
  cleared: Record<string, ClearMarker>
  /** Per member key (hex): this user's nickname for it, and whether they verified it (docs/architecture.md §12). */
  contacts: Record<string, Contact>
}

export const emptyState = (): State => ({ version: 1, profile: null, rooms: {}, cleared: {}, contacts: {} })


/** The state in `text`, or why it is not one (a sentence for the log). */
export function parseState (text: string): State | string {
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (err) {
    return text.trim() === '' ? 'it is empty' : `it is not valid JSON (${(err as Error).message})`
  }
  if (!isObject(raw)) return 'it is not a JSON object'
  const state = emptyState()
  if (raw.version !== undefined && raw.version !== 1) return `it has version ${String(raw.version)}, which this build does not know`
  if (raw.profile !== undefined && raw.profile !== null) {
    if (!isProfile(raw.profile)) return 'its profile is not a name (and avatar)'
    state.profile = raw.profile.avatar === undefined ? { name: raw.profile.name } : { name: raw.profile.name, avatar: raw.profile.avatar }
  }
  if (raw.rooms !== undefined) {
    if (!isObject(raw.rooms)) return 'its room list is not a list of rooms'
    for (const [id, room] of Object.entries(raw.rooms)) {
      if (!isHex32(id) || !isRoom(room)) return `its room ${id.slice(0, 16)} is not a room key with a namespace and an alias`
      state.rooms[id] = room.named === undefined ? { namespace: room.namespace, alias: room.alias } : { namespace: room.namespace, alias: room.alias, named: room.named }
    }
  }
  if (raw.cleared !== undefined) {
    if (!isObject(raw.cleared)) return 'its ~clear markers are not markers'
    for (const [id, marker] of Object.entries(raw.cleared)) {
      if (!isObject(marker) || !Object.entries(marker).every(([k, seq]) => isHex32(k) && Number.isSafeInteger(seq) && (seq as number) >= -1)) {
        return `its ~clear marker for room ${id.slice(0, 16)} is not a writer clock`
      }
      state.cleared[id] = marker as ClearMarker
    }
  }
  if (raw.contacts !== undefined) {
    if (!isObject(raw.contacts)) return 'its contacts are not a list of contacts'
    for (const [key, contact] of Object.entries(raw.contacts)) {
      if (!isHex32(key) || !isContact(contact)) return `its contact ${key.slice(0, 16)} is not a key with a nickname or verified`
      state.contacts[key] = contact.verified === true ? { ...pickNickname(contact), verified: true } : pickNickname(contact)
    }
  }
  return state
}

function isObject (v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function isProfile (v: unknown): v is LocalProfile {
  if (!isObject(v) || typeof v.name !== 'string' || v.name.length === 0) return false
  return v.avatar === undefined || (isObject(v.avatar) && typeof v.avatar.mime === 'string' && typeof v.avatar.data === 'string')
}

function isRoom (v: unknown): v is LocalRoom {
  return isObject(v) && typeof v.namespace === 'string' && v.namespace.length > 0 && typeof v.alias === 'string' &&
    v.alias.length > 0 && (v.named === undefined || typeof v.named === 'boolean')
}

function isContact (v: unknown): v is Contact {
  return isObject(v) && (v.nickname === undefined || (typeof v.nickname === 'string' && v.nickname.length > 0)) &&
    (v.verified === undefined || typeof v.verified === 'boolean')
}

function pickNickname (c: Contact): Contact {
  return c.nickname === undefined ? {} : { nickname: c.nickname }
}
