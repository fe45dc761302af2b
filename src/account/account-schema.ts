// The account base's events (docs/architecture.md §16.3): facts in the past tense, JSON in a
// binary block. The decoder never throws: a block that does not decode is null and skipped.
// Events are forever: a (type, v) keeps its meaning; a change is a new v.
import { isKey, isSig, isTime } from '../../views/checks.js'
import { isName } from '../../views/schema.js'
import { AVATAR_MIMES, BASE64_RE, LIMITS } from '../../views/limits.js'

/** "D is a device of I", signed by `by` (I itself, or a device already of I): views/device-cert.ts. */
export interface Cert { by: string, sig: string }
export interface AccountAvatar { mime: string, data: string }

export type AccountEvent =
  /** The first block, by the first device: the identity and its first device. */
  | { type: 'account-created', v: 1, identity: string, device: string, name: string, cert: Cert, ts: number }
  /** A device linked the next one (its writer key is added, an indexer). */
  | { type: 'device-linked', v: 1, device: string, writer: string, name: string, cert: Cert, ts: number }
  /** A device removed (or, its last act, itself). */
  | { type: 'device-removed', v: 1, device: string, ts: number }
  /** Another certificate for a device (a re-certification after its attester was removed). */
  | { type: 'cert-added', v: 1, device: string, cert: Cert }
  | { type: 'room-added', v: 1, key: string, encryptionKey?: string, alias: string, named: boolean }
  | { type: 'room-left', v: 1, key: string }
  | { type: 'profile-set', v: 1, name: string, avatar?: AccountAvatar }

type Fields = Record<string, unknown>

const AVATAR_MIME: ReadonlySet<string> = new Set(AVATAR_MIMES)

export function encodeAccountEvent (event: AccountEvent): Buffer {
  return Buffer.from(JSON.stringify(event))
}

export function decodeAccountEvent (block: Uint8Array | null): AccountEvent | null {
  if (block === null || block.byteLength === 0 || block.byteLength > 128 * 1024) return null
  let f: unknown
  try {
    f = JSON.parse(Buffer.from(block.buffer, block.byteOffset, block.byteLength).toString('utf-8'))
  } catch {
    return null
  }
  if (f === null || typeof f !== 'object' || Array.isArray(f) || (f as Fields).v !== 1) return null
  return decodeV1(f as Fields)
}

function decodeV1 (f: Fields): AccountEvent | null {
  switch (f.type) {
    case 'account-created': {
      const cert = certOf(f.cert)
      if (!isKey(f.identity) || !isKey(f.device) || !isName(f.name) || cert === null || !isTime(f.ts)) return null
      return { type: 'account-created', v: 1, identity: f.identity, device: f.device, name: f.name, cert, ts: f.ts }
    }
    case 'device-linked': {
      const cert = certOf(f.cert)
      if (!isKey(f.device) || !isKey(f.writer) || !isName(f.name) || cert === null || !isTime(f.ts)) return null
      return { type: 'device-linked', v: 1, device: f.device, writer: f.writer, name: f.name, cert, ts: f.ts }
    }
    case 'device-removed':
      return isKey(f.device) && isTime(f.ts) ? { type: 'device-removed', v: 1, device: f.device, ts: f.ts } : null
    case 'cert-added': {
      const cert = certOf(f.cert)
      return isKey(f.device) && cert !== null ? { type: 'cert-added', v: 1, device: f.device, cert } : null
    }
    case 'room-added': {
      if (!isKey(f.key) || !isName(f.alias, LIMITS.aliasChars) || typeof f.named !== 'boolean') return null
      if (f.encryptionKey !== undefined && !isKey(f.encryptionKey)) return null
      const ev: AccountEvent = { type: 'room-added', v: 1, key: f.key, alias: f.alias, named: f.named }
      if (f.encryptionKey !== undefined) ev.encryptionKey = f.encryptionKey
      return ev
    }
    case 'room-left':
      return isKey(f.key) ? { type: 'room-left', v: 1, key: f.key } : null
    case 'profile-set': {
      if (!isName(f.name)) return null
      if (f.avatar === undefined || f.avatar === null) return { type: 'profile-set', v: 1, name: f.name }
      const avatar = avatarOf(f.avatar)
      return avatar === null ? null : { type: 'profile-set', v: 1, name: f.name, avatar }
    }
    default:
      return null
  }
}

function certOf (x: unknown): Cert | null {
  if (x === null || typeof x !== 'object') return null
  const { by, sig } = x as Fields
  return isKey(by) && isSig(sig) ? { by, sig } : null
}

function avatarOf (x: unknown): AccountAvatar | null {
  if (typeof x !== 'object' || x === null) return null
  const { mime, data } = x as Fields
  if (typeof mime !== 'string' || !AVATAR_MIME.has(mime)) return null
  if (typeof data !== 'string' || data.length === 0 || data.length > Math.ceil(LIMITS.avatarBytes / 3) * 4 || !BASE64_RE.test(data)) return null
  return { mime, data }
}
