// The LinkUp peer channel: one protomux channel per connection, beside replication.
// - Its handshake is the hello. A connection counts as a peer only once the other side's
//   hello has arrived: a connection that never answers is never shown as online.
// - Rooms are named by a token bound to this connection (hash of the Noise handshake hash
//   and the room key), so a peer learns only which rooms it shares with us, nothing more.
// - For shared rooms, each side sends its clock (writer → last applied seq): enough to
//   tell whether we are behind, how far, and whether a peer has received our messages.
// - ping/pong measures the round trip for ~ping.
// - For each shared room, each side proves which writer key it speaks for (a proof signed with
//   that key, bound to this connection) and answers the other's proof with a verdict: admitted,
//   or refused (and why). Replication of the room opens only on admission (§6.7: admission.ts,
//   replication-gate.ts); a peer counts in a room only when both sides admitted each other.
// - typing says this side's member is typing in a shared room (docs/architecture.md §15.4):
//   ephemeral, never stored, nothing but the room's token. Who is typing is the writer the
//   connection proved it speaks for (the Network takes it only from an admitted peer). Peers
//   without it skip the message (protomux ignores message types it has not declared).
import Protomux from 'protomux'
import c from 'compact-encoding'
import { decodeDeviceCert, type DeviceCert } from '../../views/device-cert.js'
import crypto from 'hypercore-crypto'
import type Hyperswarm from 'hyperswarm'
import { HEX64_RE, isHex32 } from '../../views/limits.js'
import type { Clock } from '../../views/records.js'
import type { InviteRefusal } from '../../views/invites-reads.js'

export type { Clock } from '../../views/records.js'
export type { InviteRefusal } from '../../views/invites-reads.js'

interface Hello { v: 1, rooms: string[] }
interface ClockUpdate { token: string, clock: Clock }

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

const MAX_NOTICES = 1000

export interface PeerChannelHandlers {
  /** Room keys (hex) this node has open. */
  roomKeys (): string[]
  onOpen (peer: PeerChannel): void
  onRooms (peer: PeerChannel): void
  onClock (peer: PeerChannel, roomKey: string): void
  /** The peer says its member is typing in the room. */
  onTyping?: (peer: PeerChannel, roomKey: string) => void
  /** A room became shared with this peer: time to send our proof for it. */
  onShared (peer: PeerChannel, roomKey: string): void
  onProof (peer: PeerChannel, roomKey: string): void
  onVerdict (peer: PeerChannel, roomKey: string): void
  /** The peer passed on removal notices for the room (each to be verified). */
  onNotices (peer: PeerChannel, roomKey: string, notices: Removal[]): void
  onClose (peer: PeerChannel): void
}

const PROTOCOL = 'linkup/peer/v1'
const MAX_TOKENS = 1000
const PING_TIMEOUT_MS = 5000

export class PeerChannel {
  readonly conn: Hyperswarm.Connection
  readonly key: string
  answered = false
  /** Room key (hex) → that peer's clock for the room (empty until its first update). */
  readonly rooms = new Map<string, Clock>()
  private readonly channel: Protomux.Channel | null
  private readonly handlers: PeerChannelHandlers
  private readonly roomsMessage: Protomux.Message | null = null
  private readonly clockMessage: Protomux.Message | null = null
  private readonly pingMessage: Protomux.Message | null = null
  private readonly pongMessage: Protomux.Message | null = null
  private readonly proofMessage: Protomux.Message | null = null
  private readonly verdictMessage: Protomux.Message | null = null
  private readonly noticesMessage: Protomux.Message | null = null
  private readonly typingMessage: Protomux.Message | null = null
  /** Room key → the proof the peer last sent for it. */
  readonly proofs = new Map<string, Proof>()
  /** Room key → the peer's last verdict on our proof. */
  readonly verdicts = new Map<string, Verdict>()
  /** Room key → the verdict we last sent (JSON), so an unchanged one is not sent again. */
  private readonly sent = new Map<string, string>()
  /** The room tokens the peer last told us it has. */
  private theirs = new Set<string>()
  private readonly pings = new Map<number, (answered: boolean) => void>()
  private nextNonce = 1

  constructor (conn: Hyperswarm.Connection, handlers: PeerChannelHandlers) {
    this.conn = conn
    this.key = conn.remotePublicKey.toString('hex')
    this.handlers = handlers
    const mux = Protomux.from(conn)
    this.channel = mux.createChannel({
      protocol: PROTOCOL,
      handshake: c.json,
      onopen: (hello) => this.onopen(hello),
      onclose: () => this.onclose()
    })
    if (this.channel === null) return
    this.roomsMessage = this.channel.addMessage({ encoding: c.json, onmessage: (m) => this.onrooms(m) })
    this.clockMessage = this.channel.addMessage({ encoding: c.json, onmessage: (m) => this.onclock(m) })
    this.pingMessage = this.channel.addMessage({ encoding: c.json, onmessage: (m) => this.pongMessage?.send(m) })
    this.pongMessage = this.channel.addMessage({ encoding: c.json, onmessage: (m) => this.onpong(m) })
    this.proofMessage = this.channel.addMessage({ encoding: c.json, onmessage: (m) => this.onproof(m) })
    this.verdictMessage = this.channel.addMessage({ encoding: c.json, onmessage: (m) => this.onverdict(m) })
    this.noticesMessage = this.channel.addMessage({ encoding: c.json, onmessage: (m) => this.onnotices(m) })
    this.typingMessage = this.channel.addMessage({ encoding: c.json, onmessage: (m) => this.ontyping(m) })
    this.channel.open({ v: 1, rooms: this.tokens() } satisfies Hello)
  }

  /** Tells the peer our room list changed. */
  sendRooms (): void {
    this.roomsMessage?.send({ v: 1, rooms: this.tokens() } satisfies Hello)
    // A room we just opened may be one the peer already told us about.
    if (this.answered) this.share()
  }

  /** Our clock for a shared room. */
  sendClock (roomKey: string, clock: Clock): void {
    if (!this.rooms.has(roomKey)) return
    this.clockMessage?.send({ token: this.token(roomKey), clock } satisfies ClockUpdate)
  }

  sendProof (roomKey: string, proof: Proof): void {
    if (!this.rooms.has(roomKey)) return
    this.proofMessage?.send({ token: this.token(roomKey), ...proof })
  }

  /** Sends our verdict on the peer's proof, unless it is the one we sent last. */
  sendVerdict (roomKey: string, verdict: Verdict): void {
    const text = JSON.stringify(verdict)
    if (!this.rooms.has(roomKey) || this.sent.get(roomKey) === text) return
    this.sent.set(roomKey, text)
    this.verdictMessage?.send({ token: this.token(roomKey), ...verdict })
  }

  /** Passes on removal notices for the room (our view's, or one just made). */
  sendNotices (roomKey: string, notices: Removal[]): void {
    if (!this.rooms.has(roomKey) || notices.length === 0) return
    this.noticesMessage?.send({ token: this.token(roomKey), notices: notices.slice(0, MAX_NOTICES) })
  }

  /** Says our member is typing in the room. */
  sendTyping (roomKey: string): void {
    if (!this.rooms.has(roomKey)) return
    this.typingMessage?.send({ token: this.token(roomKey) })
  }

  /** The room token bound to this connection (what proofs sign). */
  tokenOf (roomKey: string): Buffer {
    return Buffer.from(this.token(roomKey), 'hex')
  }

  /** Round trip in ms, or null when the peer does not answer in time. */
  ping (): Promise<number | null> {
    if (this.pingMessage === null || !this.answered) return Promise.resolve(null)
    const nonce = this.nextNonce++
    const start = performance.now()
    return new Promise((resolve) => {
      const timer = setTimeout(() => { this.pings.delete(nonce); resolve(null) }, PING_TIMEOUT_MS)
      this.pings.set(nonce, (answered) => {
        clearTimeout(timer)
        resolve(answered ? performance.now() - start : null)
      })
      this.pingMessage?.send({ nonce })
    })
  }

  close (): void {
    this.channel?.close()
  }

  // A hash per room and connection, asked for every clock in and out: kept once computed.
  private readonly tokenCache = new Map<string, string>()

  private token (roomKey: string): string {
    let token = this.tokenCache.get(roomKey)
    if (token === undefined) {
      const hash = (this.conn as unknown as { handshakeHash: Buffer }).handshakeHash
      token = crypto.hash([hash, Buffer.from(roomKey, 'hex')]).toString('hex')
      this.tokenCache.set(roomKey, token)
    }
    return token
  }

  private tokens (): string[] {
    return this.handlers.roomKeys().map(k => this.token(k))
  }

  private onopen (hello: unknown): void {
    this.answered = true
    this.onrooms(hello)
    this.handlers.onOpen(this)
  }

  private onrooms (m: unknown): void {
    const rooms = (m as Partial<Hello> | null)?.rooms
    if (!Array.isArray(rooms) || rooms.length > MAX_TOKENS) return
    this.theirs = new Set(rooms.filter((t): t is string => typeof t === 'string'))
    this.share()
  }

  /** Recomputes the rooms both sides have, from their last list and our rooms now. */
  private share (): void {
    const shared = new Set(this.handlers.roomKeys().filter(k => this.theirs.has(this.token(k))))
    for (const key of [...this.rooms.keys()]) {
      if (shared.has(key)) continue
      this.rooms.delete(key)
      this.proofs.delete(key)
      this.verdicts.delete(key)
      this.sent.delete(key)
    }
    const fresh = [...shared].filter(key => !this.rooms.has(key))
    for (const key of fresh) this.rooms.set(key, {})
    this.handlers.onRooms(this)
    for (const key of fresh) this.handlers.onShared(this, key)
  }

  private roomOf (token: unknown): string | null {
    if (typeof token !== 'string') return null
    for (const key of this.rooms.keys()) if (this.token(key) === token) return key
    return null
  }

  private onproof (m: unknown): void {
    const { token, writer, publicKey, sig, ticket, binding } = (m ?? {}) as Record<string, unknown>
    const roomKey = this.roomOf(token)
    if (roomKey === null || !isHex32(writer) || !isHex32(publicKey) || !isHex64(sig)) return
    const proof: Proof = { writer, publicKey, sig }
    if (ticket !== undefined) {
      const t = (ticket ?? {}) as Record<string, unknown>
      if (!isHex32(t.invite) || !isHex64(t.sig)) return
      proof.ticket = { invite: t.invite, sig: t.sig }
    }
    if (binding !== undefined) {
      const b = (binding ?? {}) as Record<string, unknown>
      const cert = decodeDeviceCert(b.cert)
      if (!isHex32(b.identity) || !isHex32(b.device) || !isHex64(b.deviceSig) || cert === null) return
      proof.binding = { identity: b.identity, device: b.device, cert, deviceSig: b.deviceSig }
    }
    this.proofs.set(roomKey, proof)
    this.handlers.onProof(this, roomKey)
  }

  private onverdict (m: unknown): void {
    const { token, admitted, reason, notice, invite } = (m ?? {}) as Record<string, unknown>
    const roomKey = this.roomOf(token)
    if (roomKey === null || typeof admitted !== 'boolean') return
    if (admitted) {
      this.verdicts.set(roomKey, { admitted: true })
    } else {
      const verdict: Verdict = { admitted: false, reason: reason === 'removed' ? 'removed' : 'refused' }
      const n = (notice ?? null) as Record<string, unknown> | null
      if (n !== null && isHex32(n.by) && isHex32(n.publicKey) && isHex64(n.sig)) verdict.notice = { by: n.by, publicKey: n.publicKey, sig: n.sig }
      if (typeof invite === 'string' && INVITE_REFUSALS.has(invite)) verdict.invite = invite as InviteRefusal
      this.verdicts.set(roomKey, verdict)
    }
    this.handlers.onVerdict(this, roomKey)
  }

  private onclock (m: unknown): void {
    const { token, clock } = (m ?? {}) as Partial<ClockUpdate>
    if (typeof token !== 'string' || clock === null || typeof clock !== 'object') return
    for (const key of this.rooms.keys()) {
      if (this.token(key) !== token) continue
      const clean: Clock = {}
      for (const [w, seq] of Object.entries(clock)) {
        if (isHex32(w) && Number.isSafeInteger(seq)) clean[w] = seq
      }
      this.rooms.set(key, clean)
      this.handlers.onClock(this, key)
    }
  }

  private onnotices (m: unknown): void {
    const { token, notices } = (m ?? {}) as Record<string, unknown>
    const roomKey = this.roomOf(token)
    if (roomKey === null || !Array.isArray(notices) || notices.length > MAX_NOTICES) return
    const clean: Removal[] = []
    for (const n of notices as Array<Record<string, unknown> | null>) {
      if (n === null || typeof n !== 'object') continue
      if (isHex32(n.removed) && isHex32(n.by) && isHex32(n.publicKey) && isHex64(n.sig)) clean.push({ removed: n.removed, by: n.by, publicKey: n.publicKey, sig: n.sig })
    }
    if (clean.length > 0) this.handlers.onNotices(this, roomKey, clean)
  }

  /** The writer key the peer speaks for in the room: its proof's, verified once we admitted it. */
  writerIn (roomKey: string): string | undefined {
    return this.proofs.get(roomKey)?.writer
  }

  private ontyping (m: unknown): void {
    const roomKey = this.roomOf((m as { token?: unknown } | null)?.token)
    if (roomKey !== null) this.handlers.onTyping?.(this, roomKey)
  }

  /** Whether the peer admitted us to the room (its last verdict). */
  admittedUs (roomKey: string): boolean {
    return this.verdicts.get(roomKey)?.admitted === true
  }

  private onpong (m: unknown): void {
    const nonce = (m as { nonce?: unknown } | null)?.nonce
    if (typeof nonce !== 'number') return
    const done = this.pings.get(nonce)
    if (done === undefined) return
    this.pings.delete(nonce)
    done(true)
  }

  private onclose (): void {
    for (const done of this.pings.values()) done(false)
    this.pings.clear()
    this.handlers.onClose(this)
  }
}

const isHex64 = (x: unknown): x is string => typeof x === 'string' && HEX64_RE.test(x)
