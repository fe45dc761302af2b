// The LinkUp peer channel: one protomux channel per connection, beside replication.
// - Its handshake is the hello. A connection counts as a peer only once the other side's
//   hello has arrived: a connection that never answers is never shown as online.
// - Rooms are named by a token bound to this connection (hash of the Noise handshake hash
//   and the room key), so a peer learns only which rooms it shares with us, nothing more.
// - For shared rooms, each side sends its clock (writer → last applied seq): enough to
//   tell whether we are behind, how far, and whether a peer has received our messages. It
//   also names the writer it writes as in the room (optional; older peers leave it out), so
//   a peer can tell the author of a message at once that it arrived (room-peers.ts).
// - ping/pong measures the round trip for ~ping.
import Protomux from 'protomux'
import c from 'compact-encoding'
import crypto from 'hypercore-crypto'
import type Hyperswarm from 'hyperswarm'
import { isHex32 } from '../../views/limits.js'
import type { Clock } from '../../views/records.js'

export type { Clock } from '../../views/records.js'

interface Hello { v: 1, rooms: string[] }
interface ClockUpdate { token: string, clock: Clock, writer?: string }

export interface PeerChannelHandlers {
  /** Room keys (hex) this node has open. */
  roomKeys (): string[]
  onOpen (peer: PeerChannel): void
  onRooms (peer: PeerChannel): void
  onClock (peer: PeerChannel, roomKey: string): void
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
  /** Room key (hex) → the writer key the peer says it writes as there, once it said so. */
  readonly writers = new Map<string, string>()
  private readonly channel: Protomux.Channel | null
  private readonly handlers: PeerChannelHandlers
  private readonly roomsMessage: Protomux.Message | null = null
  private readonly clockMessage: Protomux.Message | null = null
  private readonly pingMessage: Protomux.Message | null = null
  private readonly pongMessage: Protomux.Message | null = null
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
    this.channel.open({ v: 1, rooms: this.tokens() } satisfies Hello)
  }

  /** Tells the peer our room list changed. */
  sendRooms (): void {
    this.roomsMessage?.send({ v: 1, rooms: this.tokens() } satisfies Hello)
    // A room we just opened may be one the peer already told us about.
    if (this.answered) this.share()
  }

  /** Our clock for a shared room, and the writer key we write as there. */
  sendClock (roomKey: string, clock: Clock, writer?: string): void {
    if (!this.rooms.has(roomKey)) return
    this.clockMessage?.send({ token: this.token(roomKey), clock, ...(writer === undefined ? {} : { writer }) } satisfies ClockUpdate)
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
      this.writers.delete(key)
    }
    for (const key of shared) if (!this.rooms.has(key)) this.rooms.set(key, {})
    this.handlers.onRooms(this)
  }

  private onclock (m: unknown): void {
    const { token, clock, writer } = (m ?? {}) as Partial<ClockUpdate>
    if (typeof token !== 'string' || clock === null || typeof clock !== 'object') return
    for (const key of this.rooms.keys()) {
      if (this.token(key) !== token) continue
      const clean: Clock = {}
      for (const [w, seq] of Object.entries(clock)) {
        if (isHex32(w) && Number.isSafeInteger(seq)) clean[w] = seq
      }
      this.rooms.set(key, clean)
      if (typeof writer === 'string' && isHex32(writer)) this.writers.set(key, writer)
      this.handlers.onClock(this, key)
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
