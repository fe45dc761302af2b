// An independent statement of the event schema (v1, v2's messages-posted, v3's conversation, trust, invites and profiles), written from
// the event table (docs/architecture.md §2.2) rather than from views/schema.ts: the fuzz tests check that whatever decodeEvent
// accepts satisfies it.
import { LIMITS } from '../../views/schema.js'

const HEX32 = /^[0-9a-f]{64}$/
const HEX64 = /^[0-9a-f]{128}$/
const TOKEN = /^[a-z0-9][a-z0-9!#$&^_.+-]*$/
const AVATAR_MIMES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif']

/** Fields of the v3 events (and v3 forms of posting), where they differ from v1/v2. */
const FIELDS_V3: Record<string, { required: string[], optional: string[] }> = {
  'message-posted': { required: ['text', 'ts'], optional: ['replyTo', 'mentions'] },
  'messages-posted': { required: ['messages'], optional: [] },
  'message-edited': { required: ['id', 'text', 'ts'], optional: ['mentions'] },
  'message-deleted': { required: ['id', 'ts'], optional: [] },
  'reaction-added': { required: ['id', 'emoji'], optional: [] },
  'reaction-removed': { required: ['id', 'emoji'], optional: [] },
  'role-set': { required: ['key', 'role'], optional: [] },
  'ownership-transferred': { required: ['key'], optional: [] },
  'member-removed': { required: ['key', 'publicKey', 'sig'], optional: [] },
  'member-joined': { required: ['invite', 'sig', 'ts', 'device', 'deviceSig'], optional: [] },
  'invite-created': { required: ['pub', 'ts'], optional: ['expires', 'uses'] },
  'invite-revoked': { required: ['pub'], optional: [] },
  'invite-policy-set': { required: ['adminsOnly'], optional: [] },
  // its name as v1's, and without hidden characters: the oracle checks only the former (looser)
  'profile-set': { required: ['name'], optional: ['avatar', 'drive'] }
}

const FIELDS: Record<string, { required: string[], optional: string[] }> = {
  'room-created': { required: ['alias'], optional: [] },
  'invite-created': { required: ['pub'], optional: ['expires'] },
  'invite-revoked': { required: ['pub'], optional: [] },
  'member-joined': { required: ['invite', 'sig', 'ts'], optional: [] },
  'member-removed': { required: ['key'], optional: [] },
  'profile-set': { required: ['name'], optional: ['avatar', 'drive'] },
  'message-posted': { required: ['text', 'ts'], optional: ['replyTo'] },
  'messages-posted': { required: ['messages'], optional: [] },
  'file-posted': { required: ['ts', 'drive', 'path', 'name', 'mime', 'size'], optional: ['version'] },
  'audio-posted': { required: ['ts', 'drive', 'path', 'name', 'mime', 'size', 'duration'], optional: ['version'] }
}

const whole = (x: unknown): boolean => typeof x === 'number' && Number.isSafeInteger(x) && x >= 0
const hex32 = (x: unknown): boolean => typeof x === 'string' && HEX32.test(x)

function name (x: unknown, max: number): boolean {
  if (typeof x !== 'string' || x.length === 0 || x.length > max || x.trim() !== x) return false
  for (let i = 0; i < x.length; i++) {
    const c = x.charCodeAt(i)
    if (c < 0x20 || c === 0x7f) return false
  }
  return true
}

function mime (x: unknown): boolean {
  if (typeof x !== 'string' || x.length > LIMITS.mimeChars) return false
  const parts = x.split('/')
  return parts.length === 2 && parts.every(p => p.length > 0 && p.length <= 64 && TOKEN.test(p))
}

function avatar (x: unknown): boolean {
  if (x === null) return true
  if (typeof x !== 'object' || x === undefined) return false
  const { mime: m, data } = x as Record<string, unknown>
  if (Object.keys(x).sort().join() !== 'data,mime') return false
  if (typeof m !== 'string' || !AVATAR_MIMES.includes(m)) return false
  if (typeof data !== 'string' || data.length === 0) return false
  return /^[A-Za-z0-9+/]*={0,2}$/.test(data) && Buffer.from(data, 'base64').byteLength <= LIMITS.avatarBytes
}

const MESSAGE_ID = /^[0-9a-f]{64}:\d{1,15}(\.\d{1,3})?$/

function emoji (x: unknown): boolean {
  if (typeof x !== 'string' || x.length === 0 || Buffer.byteLength(x) > LIMITS.emojiBytes) return false
  let nonAscii = false
  for (const ch of x) {
    const c = ch.codePointAt(0) as number
    if (c >= 0xd800 && c <= 0xdfff) return false // a lone surrogate
    if (c <= 0x20 || (c >= 0x7f && c <= 0xa0) || c === 0xad || c === 0xfeff) return false
    if ((c >= 0x2000 && c <= 0x200f && c !== 0x200d) || (c >= 0x2028 && c <= 0x202f) || (c >= 0x205f && c <= 0x206f)) return false
    if (c === 0x1680 || c === 0x180e || c === 0x3000 || (c >= 0xfff9 && c <= 0xfffb)) return false
    if (c > 0x7f) nonAscii = true
  }
  return nonAscii
}

const CHECKS: Record<string, (x: unknown) => boolean> = {
  alias: x => name(x, LIMITS.aliasChars),
  pub: hex32,
  key: hex32,
  drive: hex32,
  invite: hex32,
  sig: x => typeof x === 'string' && HEX64.test(x),
  deviceSig: x => typeof x === 'string' && HEX64.test(x),
  publicKey: hex32,
  device: hex32,
  role: x => x === 'admin' || x === 'member',
  uses: x => Number.isSafeInteger(x) && (x as number) >= 1 && (x as number) <= 1000,
  adminsOnly: x => typeof x === 'boolean',
  expires: whole,
  ts: whole,
  size: whole,
  version: whole,
  duration: whole,
  name: x => name(x, LIMITS.fileNameChars),
  text: x => typeof x === 'string' && x.trim().length > 0 && x.length <= LIMITS.textChars,
  replyTo: x => typeof x === 'string' && MESSAGE_ID.test(x),
  id: x => typeof x === 'string' && MESSAGE_ID.test(x),
  mentions: x => Array.isArray(x) && x.length >= 1 && x.length <= LIMITS.mentions && x.every(hex32) && new Set(x).size === x.length,
  emoji,
  messages: x => Array.isArray(x) && x.length >= 1 && x.length <= LIMITS.packedMessages &&
    x.every(m => violations({ ...(m as object), type: 'message-posted', v: 1 }).length === 0),
  path: x => typeof x === 'string' && x.startsWith('/') && x.length <= LIMITS.filePathChars,
  mime,
  avatar
}

/** Everything wrong with an event that claims to be valid; [] when it is. */
export function violations (event: unknown): string[] {
  if (event === null || typeof event !== 'object') return ['not an object']
  const ev = event as Record<string, unknown>
  if (ev.v === 3) return v3Violations(ev)
  const spec = FIELDS[ev.type as string]
  if (spec === undefined) return [`unknown type ${String(ev.type)}`]
  const out: string[] = []
  const version = ev.type === 'messages-posted' ? 2 : 1
  if (ev.v !== version) out.push(`v is not ${version}`)
  for (const f of spec.required) if (!(f in ev)) out.push(`missing ${f}`)
  for (const [f, value] of Object.entries(ev)) {
    if (f === 'type' || f === 'v') continue
    if (!spec.required.includes(f) && !spec.optional.includes(f)) out.push(`extra field ${f}`)
    else if (f === 'name' && ev.type === 'profile-set' ? !name(value, LIMITS.nameChars) : !(CHECKS[f]?.(value) ?? false)) out.push(`bad ${f}`)
  }
  return out
}

function v3Violations (ev: Record<string, unknown>): string[] {
  const spec = FIELDS_V3[ev.type as string]
  if (spec === undefined) return [`no v3 ${String(ev.type)}`]
  const out: string[] = []
  for (const f of spec.required) if (!(f in ev)) out.push(`missing ${f}`)
  for (const [f, value] of Object.entries(ev)) {
    if (f === 'type' || f === 'v') continue
    if (!spec.required.includes(f) && !spec.optional.includes(f)) out.push(`extra field ${f}`)
    else if (f === 'messages') {
      const ok = Array.isArray(value) && value.length >= 1 && value.length <= LIMITS.packedMessages &&
        value.every(m => v3Violations({ ...(m as object), type: 'message-posted', v: 3 }).length === 0)
      if (!ok) out.push('bad messages')
    } else if (f === 'name' && ev.type === 'profile-set' ? !name(value, LIMITS.nameChars) : !(CHECKS[f]?.(value) ?? false)) out.push(`bad ${f}`)
  }
  return out
}
