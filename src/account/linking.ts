// Linking a device with a one-time code (docs/architecture.md §16.3), on Holepunch's
// blind-pairing over the node's one swarm (it takes each connection's protomux, which
// src/network/swarm.ts stores as the connection's userData; the gate passes its channels).
//
// The code is `linkup-device:` + base64url of blind-pairing's invite for the account base.
// The new device (candidate) sends as userData its writer key for the base W, its network key
// D, a name, and D's signature over (the base's discovery key, W, name): nobody can link someone else's
// device. A device of the account (member) answers: the code must be one this device made,
// unused and unexpired (blind-pairing carries `expires` and never checks it); it appends
// device-linked (W becomes a writer and an indexer) and only then confirms with the base's key
// and encryption key. blind-pairing may deliver one request twice (a live connection and a DHT
// poll): the same request (same userData) gets the same confirm, never INVITE_USED.
//
// The member listens only while a code of this device is live: blind-pairing polls the DHT
// for as long as a member exists.
import crypto from 'hypercore-crypto'
import BlindPairing from 'blind-pairing'
import type Hyperswarm from 'hyperswarm'
import { errors } from '../errors.js'
import { isName } from '../../views/schema.js'
import type { LinkInvite } from './account-file.js'

export const CODE_PREFIX = 'linkup-device:'
export const LINK_CODE_TTL_MS = 10 * 60_000
/** How often blind-pairing looks on the DHT for requests and replies while a code is live. */
const POLL_MS = 2000
const LINK_SIG = Buffer.from('linkup/device-link/v1')
/** How long the member keeps listening after its last code was used. */
const ANSWER_GRACE_MS = 30_000

export interface LinkRequest { writer: string, device: string, name: string }

/** What a member needs from the account to answer a request. */
export interface LinkHost {
  /** The account base's discovery key: what the candidate knows of it, and signs. */
  discoveryKey: () => Buffer
  invites: () => LinkInvite[]
  /** Persists that the invite was used by this request (before the answer). */
  markUsed: (id: string, by: string) => Promise<void>
  /** Whether this device may be linked (not removed from the account before). */
  mayLink: (device: string) => Promise<boolean>
  /** Appends device-linked and resolves once it is applied here. */
  link: (request: LinkRequest) => Promise<void>
  answer: () => { key: Buffer, encryptionKey: Buffer | null }
  warn: (err: unknown) => void
}

export class Linking {
  readonly pairing: BlindPairing
  private member: BlindPairing.Member | null = null
  private memberKey: string | null = null
  private stopTimer: NodeJS.Timeout | null = null

  constructor (swarm: Hyperswarm) {
    this.pairing = new BlindPairing(swarm, { poll: POLL_MS })
  }

  /** A new code for the account base: one use, `ttl` ms (at most 10 minutes). */
  createCode (accountKey: Buffer, now: number, ttl = LINK_CODE_TTL_MS): { code: string, invite: LinkInvite } {
    const created = BlindPairing.createInvite(accountKey, { expires: now + Math.min(ttl, LINK_CODE_TTL_MS) })
    const code = CODE_PREFIX + created.invite.toString('base64url')
    return { code, invite: { id: created.id.toString('hex'), publicKey: created.publicKey.toString('hex'), expires: created.expires } }
  }

  /** Listens for requests while `host` has a live code; stops when none is left. */
  listen (host: LinkHost, discoveryKey: Buffer): void {
    this.clearStop()
    const key = discoveryKey.toString('hex')
    if (this.member !== null && this.memberKey === key) return
    void this.stop()
    this.memberKey = key
    this.member = this.pairing.addMember({ discoveryKey, onadd: (request) => answerRequest(host, request).catch(host.warn) })
  }

  /**
   * Stops listening after `ms`: the answer just given goes out after onadd returns, and the same
   * request may come again by the DHT (answered the same), so the member stays a while.
   */
  stopSoon (ms = ANSWER_GRACE_MS): void {
    this.clearStop()
    this.stopTimer = setTimeout(() => { void this.stop() }, ms)
    this.stopTimer.unref()
  }

  private clearStop (): void {
    if (this.stopTimer !== null) clearTimeout(this.stopTimer)
    this.stopTimer = null
  }

  async stop (): Promise<void> {
    this.clearStop()
    const member = this.member
    this.member = null
    this.memberKey = null
    await member?.close().catch(() => {})
  }

  async close (): Promise<void> {
    await this.stop()
    await this.pairing.close()
  }
}

/**
 * A device of the account answers one request (exported for its test): no answer to a code it
 * did not make, a refusal for a bad request (1), a used code (2) or an expired one (3), else
 * the device is linked and the same confirm given however often the request comes.
 */
export async function answerRequest (host: LinkHost, request: BlindPairing.MemberRequest): Promise<void> {
  const invite = host.invites().find(i => i.id === request.inviteId.toString('hex'))
  if (invite === undefined) return // another device's code (it answers), or none: no answer from us
  let userData: Buffer
  try {
    userData = request.open(Buffer.from(invite.publicKey, 'hex'))
  } catch {
    return // forged with the id of our code
  }
  const parsed = parseRequest(userData, host.discoveryKey())
  if (parsed === null) return request.deny({ status: 1 })
  const by = userData.toString('hex')
  if (invite.usedBy !== undefined && invite.usedBy !== by) return request.deny({ status: 2 })
  if (invite.usedBy === undefined) {
    if (invite.expires < Date.now()) return request.deny({ status: 3 })
    invite.usedBy = by // claimed before any await: a second device racing with the code is refused
    await host.markUsed(invite.id, by)
  }
  if (!await host.mayLink(parsed.device)) return request.deny({ status: 1 })
  await host.link(parsed) // idempotent: a device already linked is not linked again
  request.confirm(host.answer())
}

/** The candidate's userData: W ‖ D ‖ sig ‖ name (UTF-8), sig by D. */
export function linkRequestData (discoveryKey: Buffer, writer: Buffer, device: { publicKey: Buffer, secretKey: Buffer }, name: string): Buffer {
  const nameBytes = Buffer.from(name)
  const sig = crypto.sign(crypto.hash([LINK_SIG, discoveryKey, writer, nameBytes]), device.secretKey)
  return Buffer.concat([writer, device.publicKey, sig, nameBytes])
}

function parseRequest (data: Buffer, discoveryKey: Buffer): LinkRequest | null {
  if (data.byteLength <= 128 || data.byteLength > 128 + 256) return null
  const writer = data.subarray(0, 32)
  const device = data.subarray(32, 64)
  const sig = data.subarray(64, 128)
  const nameBytes = data.subarray(128)
  const name = nameBytes.toString('utf-8')
  if (!isName(name)) return null
  if (!crypto.verify(crypto.hash([LINK_SIG, discoveryKey, writer, nameBytes]), sig, device)) return null
  return { writer: writer.toString('hex'), device: device.toString('hex'), name }
}

/** The invite in a code; INVITE_MALFORMED when it is not one, INVITE_EXPIRED when past its time. */
export function decodeCode (code: unknown, now: number): { invite: Buffer, discoveryKey: Buffer, expires: number } {
  if (typeof code !== 'string' || !code.trim().startsWith(CODE_PREFIX)) throw errors.linkCodeMalformed()
  const invite = Buffer.from(code.trim().slice(CODE_PREFIX.length), 'base64url')
  let decoded: BlindPairing.DecodedInvite
  try {
    decoded = BlindPairing.decodeInvite(invite)
  } catch {
    throw errors.linkCodeMalformed()
  }
  if (decoded.expires !== 0 && decoded.expires < now) throw errors.inviteExpired()
  return { invite, discoveryKey: decoded.discoveryKey, expires: decoded.expires }
}

/**
 * Asks with the code until a device of the account answers: resolves with the base's keys, or
 * rejects with INVITE_USED, INVITE_EXPIRED, LINK_REFUSED, or LINK_TIMEOUT after `timeout` ms.
 */
export async function requestLink (pairing: BlindPairing, invite: Buffer, userData: Buffer, timeout: number): Promise<BlindPairing.Paired> {
  const candidate = pairing.addCandidate({ invite, userData })
  let timer: NodeJS.Timeout | null = null
  try {
    return await new Promise<BlindPairing.Paired>((resolve, reject) => {
      timer = setTimeout(() => reject(errors.linkTimeout()), timeout)
      candidate.request.once('rejected', (err) => reject(refusal(err)))
      candidate.pairing.then((paired) => paired === null ? reject(errors.linkTimeout()) : resolve(paired), (err: unknown) => reject(refusal(err)))
    })
  } finally {
    if (timer !== null) clearTimeout(timer)
    await candidate.close().catch(() => {})
  }
}

function refusal (err: unknown): Error {
  const code = (err as { code?: unknown })?.code
  if (code === 'INVITE_USED') return errors.inviteUsed()
  if (code === 'INVITE_EXPIRED') return errors.inviteExpired()
  return errors.linkRefused()
}
