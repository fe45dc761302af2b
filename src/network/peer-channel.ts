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
// - presence lists the writers this side is connected to in a shared room (its admitted peers
//   there, and itself), so that in a star (docs/architecture.md §6.1) a member learns from a
//   signer who else is online. A claim, as a clock is; older peers skip it.
// - hint names, for a joiner just admitted, the view blocks its first reads will walk
//   (src/view-hint.ts): what to download at its fast-forward. Declared last, so older peers
//   skip it.
import Protomux from 'protomux'
import c from 'compact-encoding'
import crypto from 'hypercore-crypto'
import type Hyperswarm from 'hyperswarm'
import type { Clock } from '../../views/records.js'
import { MAX_NOTICES, MAX_PRESENT, MAX_TOKENS, readClock, readHint, readNotices, readPresence, readProof, readVerdict, type ClockUpdate, type Hello, type Proof, type Removal, type Verdict, type ViewHint } from './peer-messages.js'

export type { Clock } from '../../views/records.js'
export type { InviteRefusal } from '../../views/invites-reads.js'
export type { DeviceBinding, Notice, Proof, Removal, Verdict } from './peer-messages.js'

export interface PeerChannelHandlers {
  /** Room keys (hex) this node has open. */
  roomKeys (): string[]
  onOpen (peer: PeerChannel): void
  onRooms (peer: PeerChannel): void
  onClock (peer: PeerChannel, roomKey: string): void
  /** The peer says its member is typing in the room. */
  onTyping?: (peer: PeerChannel, roomKey: string) => void
  /** The peer told us which writers it is connected to in the room (PeerChannel.present). */
  onPresence?: (peer: PeerChannel, roomKey: string) => void
  /** The peer named the view blocks our join will read (src/view-hint.ts). */
  onHint?: (peer: PeerChannel, roomKey: string, hint: ViewHint) => void
  /** A room became shared with this peer: time to send our proof for it. */
  onShared (peer: PeerChannel, roomKey: string): void
  onProof (peer: PeerChannel, roomKey: string): void
  onVerdict (peer: PeerChannel, roomKey: string): void
  /** The peer passed on removal notices for the room (each to be verified). */
  onNotices (peer: PeerChannel, roomKey: string, notices: Removal[]): void
  onClose (peer: PeerChannel): void
}

const PROTOCOL = 'linkup/peer/v1'
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
  private readonly presenceMessage: Protomux.Message | null = null
  private readonly hintMessage: Protomux.Message | null = null
  /** Room key → the writers the peer last said it is connected to there. */
  readonly present = new Map<string, Set<string>>()
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
    this.presenceMessage = this.channel.addMessage({ encoding: c.json, onmessage: (m) => this.onpresence(m) })
    this.hintMessage = this.channel.addMessage({ encoding: c.json, onmessage: (m) => this.onhint(m) })
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

  /** Tells the peer which writers this side is connected to in the room. */
  sendPresence (roomKey: string, writers: string[]): void {
    if (!this.rooms.has(roomKey)) return
    this.presenceMessage?.send({ token: this.token(roomKey), writers: writers.slice(0, MAX_PRESENT) })
  }

  /** Names the view blocks the peer, a joiner we admitted, is about to read. */
  sendHint (roomKey: string, hint: ViewHint): void {
    if (!this.rooms.has(roomKey)) return
    this.hintMessage?.send({ token: this.token(roomKey), ...hint })
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
      this.present.delete(key)
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
    const roomKey = this.roomOf((m as { token?: unknown } | null)?.token)
    const proof = roomKey === null ? null : readProof(m)
    if (roomKey === null || proof === null) return
    this.proofs.set(roomKey, proof)
    this.handlers.onProof(this, roomKey)
  }

  private onverdict (m: unknown): void {
    const roomKey = this.roomOf((m as { token?: unknown } | null)?.token)
    const verdict = roomKey === null ? null : readVerdict(m)
    if (roomKey === null || verdict === null) return
    this.verdicts.set(roomKey, verdict)
    this.handlers.onVerdict(this, roomKey)
  }

  private onclock (m: unknown): void {
    const update = readClock(m)
    if (update === null) return
    for (const key of this.rooms.keys()) {
      if (this.token(key) !== update.token) continue
      this.rooms.set(key, update.clock)
      this.handlers.onClock(this, key)
    }
  }

  private onnotices (m: unknown): void {
    const roomKey = this.roomOf((m as { token?: unknown } | null)?.token)
    const notices = roomKey === null ? null : readNotices(m)
    if (roomKey === null || notices === null) return
    if (notices.length > 0) this.handlers.onNotices(this, roomKey, notices)
  }

  /** The writer key the peer speaks for in the room: its proof's, verified once we admitted it. */
  writerIn (roomKey: string): string | undefined {
    return this.proofs.get(roomKey)?.writer
  }

  private ontyping (m: unknown): void {
    const roomKey = this.roomOf((m as { token?: unknown } | null)?.token)
    if (roomKey !== null) this.handlers.onTyping?.(this, roomKey)
  }

  private onpresence (m: unknown): void {
    const roomKey = this.roomOf((m as { token?: unknown } | null)?.token)
    const presence = roomKey === null ? null : readPresence(m)
    if (roomKey === null || presence === null) return
    this.present.set(roomKey, new Set(presence.writers))
    this.handlers.onPresence?.(this, roomKey)
  }

  private onhint (m: unknown): void {
    const roomKey = this.roomOf((m as { token?: unknown } | null)?.token)
    const hint = roomKey === null ? null : readHint(m)
    if (roomKey === null || hint === null) return
    this.handlers.onHint?.(this, roomKey, hint)
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

