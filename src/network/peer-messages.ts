// The peer channel's messages (src/network/peer-channel.ts, docs/architecture.md §6.2) and
// their decoders. A peer may send anything: each decoder takes what it was sent as unknown and
// gives back only checked fields, or null for a message to drop.
import { HEX64_RE, isHex32 } from '../../views/limits.js'
import { decodeDeviceCert, type DeviceCert } from '../../views/device-cert.js'
import type { Clock } from '../../views/records.js'
import type { InviteRefusal } from '../../views/invites-reads.js'

export interface Hello { v: 1, rooms: string[] }
export interface ClockUpdate { token: string, clock: Clock }
/** The most blocks a hint names (~1,000 blocks of a few hundred bytes: a few hundred KB). */
export const MAX_HINT = 1024
/** The blocks of the view's core a joiner is about to read, at the view length they were read at (src/view-hint.ts). */
export interface ViewHint { length: number, blocks: number[] }

/** "On this connection I speak for `writer`" (src/trust/proofs.ts); a joiner adds its invite. */
export interface Proof {
  writer: string
  publicKey: string
  sig: string
  ticket?: { invite: string, sig: string }
  /** A device of a member, not bound yet (docs/architecture.md §16.2): its device-bound block's proof. */
  binding?: DeviceBinding
}
/** "This writer is device `device` of `identity`": the fields of its device-bound block. */
export interface DeviceBinding { identity: string, device: string, cert: DeviceCert, deviceSig: string }
/** A removal notice, as the remover signed it (views/schema-trust.ts). */
export interface Notice { by: string, publicKey: string, sig: string }
/** A notice with the writer it removed, as peers pass them on. */
export interface Removal extends Notice { removed: string }
/** Why a joiner's invite does not let it in (src/trust/room-access.ts), told so its join fails with the right error. */
const INVITE_REFUSALS: ReadonlySet<string> = new Set<InviteRefusal>(['revoked', 'expired', 'used-up', 'not-admin', 'unknown'])
export type Verdict =
  | { admitted: true }
  | { admitted: false, reason: 'removed' | 'refused', notice?: Notice, invite?: InviteRefusal }

/** The writers a peer is connected to in a room, this side included (one hop of presence, src/room-peers.ts). */
export interface Presence { token: string, writers: string[] }

export const MAX_NOTICES = 1000
export const MAX_TOKENS = 1000
export const MAX_PRESENT = 1000

const isHex64 = (x: unknown): x is string => typeof x === 'string' && HEX64_RE.test(x)

export function readProof (m: unknown): Proof | null {
  const { writer, publicKey, sig, ticket, binding } = (m ?? {}) as Record<string, unknown>
  if (!isHex32(writer) || !isHex32(publicKey) || !isHex64(sig)) return null
  const proof: Proof = { writer, publicKey, sig }
  if (ticket !== undefined) {
    const t = (ticket ?? {}) as Record<string, unknown>
    if (!isHex32(t.invite) || !isHex64(t.sig)) return null
    proof.ticket = { invite: t.invite, sig: t.sig }
  }
  if (binding !== undefined) {
    const b = (binding ?? {}) as Record<string, unknown>
    const cert = decodeDeviceCert(b.cert)
    if (!isHex32(b.identity) || !isHex32(b.device) || !isHex64(b.deviceSig) || cert === null) return null
    proof.binding = { identity: b.identity, device: b.device, cert, deviceSig: b.deviceSig }
  }
  return proof
}

export function readVerdict (m: unknown): Verdict | null {
  const { admitted, reason, notice, invite } = (m ?? {}) as Record<string, unknown>
  if (typeof admitted !== 'boolean') return null
  if (admitted) return { admitted: true }
  const verdict: Verdict = { admitted: false, reason: reason === 'removed' ? 'removed' : 'refused' }
  const n = (notice ?? null) as Record<string, unknown> | null
  if (n !== null && isHex32(n.by) && isHex32(n.publicKey) && isHex64(n.sig)) verdict.notice = { by: n.by, publicKey: n.publicKey, sig: n.sig }
  if (typeof invite === 'string' && INVITE_REFUSALS.has(invite)) verdict.invite = invite as InviteRefusal
  return verdict
}

/** A clock update, keeping only well-formed entries. */
export function readClock (m: unknown): ClockUpdate | null {
  const { token, clock } = (m ?? {}) as Partial<ClockUpdate>
  if (typeof token !== 'string' || clock === null || typeof clock !== 'object') return null
  const clean: Clock = {}
  for (const [w, seq] of Object.entries(clock)) {
    if (isHex32(w) && Number.isSafeInteger(seq)) clean[w] = seq
  }
  return { token, clock: clean }
}

/** A presence message, keeping only well-formed writer keys; null when it is too long. */
export function readPresence (m: unknown): Presence | null {
  const { token, writers } = (m ?? {}) as Record<string, unknown>
  if (typeof token !== 'string' || !Array.isArray(writers) || writers.length > MAX_PRESENT) return null
  return { token, writers: writers.filter(isHex32) }
}

/** The well-formed notices of a message (each still to be verified); null when it is too long. */
export function readNotices (m: unknown): Removal[] | null {
  const { notices } = (m ?? {}) as Record<string, unknown>
  if (!Array.isArray(notices) || notices.length > MAX_NOTICES) return null
  const clean: Removal[] = []
  for (const n of notices as Array<Record<string, unknown> | null>) {
    if (n === null || typeof n !== 'object') continue
    if (isHex32(n.removed) && isHex32(n.by) && isHex32(n.publicKey) && isHex64(n.sig)) clean.push({ removed: n.removed, by: n.by, publicKey: n.publicKey, sig: n.sig })
  }
  return clean
}

/**
 * A hint, as the peer that admitted us sent it (src/view-hint.ts): null unless it names at most
 * MAX_HINT blocks, each a seq below the view length it was read at. A hint only says what to
 * download; the blocks are verified as any other.
 */
export function readHint (m: unknown): ViewHint | null {
  const { length, blocks } = (m ?? {}) as Record<string, unknown>
  if (!Number.isSafeInteger(length) || !Array.isArray(blocks) || blocks.length > MAX_HINT) return null
  const len = length as number
  if (!blocks.every((seq) => Number.isSafeInteger(seq) && seq >= 0 && seq < len)) return null
  return { length: len, blocks: blocks as number[] }
}
