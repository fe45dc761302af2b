// The LinkUp peer channel: one protomux channel per connection, beside replication.
// - Its handshake is the hello. A connection counts as a peer only once the other side's
//   hello has arrived: a connection that never answers is never shown as online.
// - Rooms are named by a token bound to this connection (hash of the Noise handshake hash
//   and the room key), so a peer learns only which rooms it shares with us, nothing more.
// - For shared rooms, each side sends its clock (writer → last applied seq): enough to
//   tell whether we are behind, how far, and whether a peer has received our messages.
// - ping/pong measures the round trip for ~ping.
// - typing says a member is typing in a shared room (docs/architecture.md §13.4): ephemeral, never
//   stored. It carries the public key that signs the member's writer core (the writer key is
//   the hash of its manifest: Hypercore.key) and that key's signature over the room's token,
//   which is bound to this connection: no peer can pass it on to a third, nor make up
//   someone else's. Peers without it ignore the message (protomux skips unknown types).
import Protomux from 'protomux'
import c from 'compact-encoding'
import crypto from 'hypercore-crypto'
import Hypercore from 'hypercore'
import type Hyperswarm from 'hyperswarm'
import { isHex32 } from '../../views/limits.js'
import type { Clock } from '../../views/records.js'

export type { Clock } from '../../views/records.js'

interface Hello { v: 1, rooms: string[] }
interface ClockUpdate { token: string, clock: Clock }
interface TypingUpdate { token: string, signer: string, sig: string }

const TYPING = Buffer.from('linkup-typing-v1:')

export interface PeerChannelHandlers {
  /** Room keys (hex) this node has open. */
  roomKeys (): string[]
  onOpen (peer: PeerChannel): void
  onRooms (peer: PeerChannel): void
  onClock (peer: PeerChannel, roomKey: string): void
  /** The member `writer` is typing in the room (its signature verified). */
  onTyping?: (peer: PeerChannel, roomKey: string, writer: string) => void
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
  private readonly typingMessage: Protomux.Message | null = null
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
    this.typingMessage = this.channel.addMessage({ encoding: c.json, onmessage: (m) => this.ontyping(m) })
    this.channel.open({ v: 1, rooms: this.tokens() } satisfies Hello)
  }

  /** Tells the peer our room list changed. */
  sendRooms (): void {
    this.roomsMessage?.send({ v: 1, rooms: this.tokens() } satisfies Hello)
    // A room we just opened may be one the peer already told us about.
    if (this.answered) this.share()
  }

  sendClock (roomKey: string, clock: Clock): void {
    if (!this.rooms.has(roomKey)) return
    this.clockMessage?.send({ token: this.token(roomKey), clock } satisfies ClockUpdate)
  }

  /** Says this device's member `keyPair` is typing in the room (signed over the room's token). */
  sendTyping (roomKey: string, keyPair: { publicKey: Buffer, secretKey: Buffer }): void {
    if (!this.rooms.has(roomKey) || this.typingMessage === null) return
    const token = this.token(roomKey)
    const sig = crypto.sign(Buffer.concat([TYPING, Buffer.from(token, 'hex')]), keyPair.secretKey)
    this.typingMessage.send({ token, signer: keyPair.publicKey.toString('hex'), sig: sig.toString('hex') } satisfies TypingUpdate)
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

  private token (roomKey: string): string {
    const hash = (this.conn as unknown as { handshakeHash: Buffer }).handshakeHash
    return crypto.hash([hash, Buffer.from(roomKey, 'hex')]).toString('hex')
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
    for (const key of [...this.rooms.keys()]) if (!shared.has(key)) this.rooms.delete(key)
    for (const key of shared) if (!this.rooms.has(key)) this.rooms.set(key, {})
    this.handlers.onRooms(this)
  }

  private onclock (m: unknown): void {
    const { token, clock } = (m ?? {}) as Partial<ClockUpdate>
    if (typeof token !== 'string' || clock === null || typeof clock !== 'object') return
    for (const key of this.rooms.keys()) {
      if (this.token(key) !== token) continue
      const clean: Clock = {}
      for (const [writer, seq] of Object.entries(clock)) {
        if (isHex32(writer) && Number.isSafeInteger(seq)) clean[writer] = seq
      }
      this.rooms.set(key, clean)
      this.handlers.onClock(this, key)
    }
  }

  private ontyping (m: unknown): void {
    const { token, signer, sig } = (m ?? {}) as Partial<TypingUpdate>
    if (typeof token !== 'string' || !isHex32(signer) || typeof sig !== 'string' || !/^[0-9a-f]{128}$/.test(sig)) return
    for (const key of this.rooms.keys()) {
      if (this.token(key) !== token) continue
      const publicKey = Buffer.from(signer, 'hex')
      if (!crypto.verify(Buffer.concat([TYPING, Buffer.from(token, 'hex')]), Buffer.from(sig, 'hex'), publicKey)) return
      this.handlers.onTyping?.(this, key, Hypercore.key(publicKey).toString('hex'))
    }
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
