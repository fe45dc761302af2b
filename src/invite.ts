// Invite tokens: "linkup:" + base64url(room key 32 ‖ invite seed 32 ‖ expiry ms, 8 bytes BE; 0 = never).
// The seed derives the invite key pair: its public key is announced in the room, its secret
// signs the joiner's writer key. Whoever holds the token can join; revoking the pub stops it.
import crypto from 'hypercore-crypto'
import { errors } from './errors.js'

const PREFIX = 'linkup:'
const BYTES = 72

export interface Invite {
  roomKey: Buffer
  seed: Buffer
  /** ms since the epoch, or 0 for an invite that never expires. */
  expires: number
  publicKey: Buffer
  secretKey: Buffer
}

/** Matches a token inside arbitrary text. */
export const INVITE_PATTERN = /linkup:[A-Za-z0-9_-]{96}/

export function createInvite (roomKey: Buffer, expires = 0): Invite {
  const seed = crypto.randomBytes(32)
  return { roomKey, seed, expires, ...crypto.keyPair(seed) }
}

export function encodeInvite (invite: Invite): string {
  const bytes = Buffer.alloc(BYTES)
  invite.roomKey.copy(bytes, 0)
  invite.seed.copy(bytes, 32)
  bytes.writeBigUInt64BE(BigInt(invite.expires), 64)
  return PREFIX + bytes.toString('base64url')
}

export function decodeInvite (token: string): Invite {
  if (typeof token !== 'string') throw errors.inviteMalformed()
  const text = token.trim()
  if (!text.startsWith(PREFIX)) throw errors.inviteMalformed()
  const body = text.slice(PREFIX.length)
  if (!/^[A-Za-z0-9_-]{96}$/.test(body)) throw errors.inviteMalformed()
  const bytes = Buffer.from(body, 'base64url')
  if (bytes.byteLength !== BYTES) throw errors.inviteMalformed()
  const expires = bytes.readBigUInt64BE(64)
  if (expires > BigInt(Number.MAX_SAFE_INTEGER)) throw errors.inviteMalformed()
  const seed = bytes.subarray(32, 64)
  return { roomKey: bytes.subarray(0, 32), seed, expires: Number(expires), ...crypto.keyPair(seed) }
}

/** An invite's id (its public key, hex): what room.invites() lists and room.revokeInvite takes. */
export function inviteId (token: string): string {
  return decodeInvite(token).publicKey.toString('hex')
}

/** The proof a joiner appends: the invite secret's signature over the joiner's writer key. */
export function signJoin (invite: Invite, writerKey: Buffer): string {
  return crypto.sign(writerKey, invite.secretKey).toString('hex')
}
