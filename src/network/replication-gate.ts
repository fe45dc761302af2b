// The replication gate: which of a room's cores a connection may replicate (docs/architecture.md
// §6.7). One Corestore replicates every core on every connection; Hypercore opens one protomux
// channel per core ('hypercore/alpha', id = the core's discovery key) whether we offer the core
// or the peer asks for it, so the gate sits on the one place both paths go through: the
// connection's protomux `createChannel`. A hypercore channel is opened only if every room that
// owns the core has admitted the connection; otherwise createChannel returns null, which
// Hypercore takes as "no channel" (and protomux answers the peer's open with a reject).
//
// - Ownership: each room tells the gate its cores' discovery keys (src/trust/room-cores.ts). A
//   core no room owns is never replicated: a closed core a removed member asks for by key is
//   refused, not opened from storage and served.
// - Admission (src/network/admission.ts) opens the room on the connection: the room's open
//   sessions are attached again, so what was refused before the proof is offered now. A peer
//   whose own gate refused us tells us when it admits us (`retry`), and we offer again.
// - Revocation closes every channel of the room's cores on that connection at once; the peer
//   may ask again, and is refused.
import type Hypercore from 'hypercore'
import type Protomux from 'protomux'
import type Hyperswarm from 'hyperswarm'

const HYPERCORE = 'hypercore/alpha'

type CreateChannel = Protomux['createChannel']
type ChannelOptions = Parameters<CreateChannel>[0]

/** What the gate needs from a room: the sessions it has open now, to offer on admission. */
export interface GatedRoom {
  sessions (): Iterable<Hypercore>
}

interface Link {
  readonly mux: Protomux
  /** Rooms this connection was admitted to. */
  readonly rooms: Set<string>
  /** Hypercore channels the gate let through on this connection, by discovery key (hex). */
  readonly channels: Map<string, Protomux.Channel>
}

export class ReplicationGate {
  /** Discovery key (hex) → the rooms that own that core. */
  private readonly owners = new Map<string, Set<string>>()
  private readonly rooms = new Map<string, GatedRoom>()
  private readonly links = new Map<Hyperswarm.Connection, Link>()
  /** Channels refused, for the tests and the log. */
  refused = 0

  addRoom (roomKey: string, room: GatedRoom): void {
    this.rooms.set(roomKey, room)
  }

  /** A room closed: its cores are owned by nobody (so replicated with nobody) from now on. */
  removeRoom (roomKey: string): void {
    this.rooms.delete(roomKey)
    for (const [dk, rooms] of this.owners) {
      rooms.delete(roomKey)
      if (rooms.size === 0) this.owners.delete(dk)
    }
    for (const link of this.links.values()) this.revokeLink(link, roomKey)
  }

  /**
   * A core of the room. With a session that has just opened, it is offered at once on every
   * connection already admitted to the room (Corestore may not offer a passive core itself).
   */
  own (roomKey: string, discoveryKey: Buffer, session?: Hypercore): void {
    const dk = discoveryKey.toString('hex')
    let rooms = this.owners.get(dk)
    if (rooms === undefined) this.owners.set(dk, rooms = new Set())
    rooms.add(roomKey)
    if (session === undefined) return
    for (const link of this.links.values()) {
      if (link.rooms.has(roomKey) && !link.channels.has(dk)) offer(session, link.mux)
    }
  }

  /** Puts the gate on a new connection's protomux, before anything replicates on it. */
  guard (conn: Hyperswarm.Connection, mux: Protomux): void {
    const link: Link = { mux, rooms: new Set(), channels: new Map() }
    this.links.set(conn, link)
    const create = mux.createChannel.bind(mux)
    mux.createChannel = (opts: ChannelOptions) => {
      if (opts.protocol !== HYPERCORE || opts.id === undefined || opts.id === null) return create(opts)
      return this.hypercoreChannel(link, opts, create)
    }
    conn.once('close', () => this.links.delete(conn))
  }

  admits (conn: Hyperswarm.Connection, roomKey: string): boolean {
    return this.links.get(conn)?.rooms.has(roomKey) ?? false
  }

  /** Opens the room on this connection and offers its open cores. */
  admit (conn: Hyperswarm.Connection, roomKey: string): void {
    const link = this.links.get(conn)
    if (link === undefined || link.rooms.has(roomKey)) return
    link.rooms.add(roomKey)
    this.offerRoom(link, roomKey)
  }

  /** The peer admitted us to the room: offer again what its gate refused before. */
  retry (conn: Hyperswarm.Connection, roomKey: string): void {
    const link = this.links.get(conn)
    if (link !== undefined && link.rooms.has(roomKey)) this.offerRoom(link, roomKey)
  }

  /** Closes the room on this connection: every channel of its cores, now. */
  revoke (conn: Hyperswarm.Connection, roomKey: string): void {
    const link = this.links.get(conn)
    if (link !== undefined) this.revokeLink(link, roomKey)
  }

  private revokeLink (link: Link, roomKey: string): void {
    link.rooms.delete(roomKey)
    for (const [dk, channel] of [...link.channels]) {
      if (!this.allowed(link, dk)) channel.close()
    }
  }

  private offerRoom (link: Link, roomKey: string): void {
    const room = this.rooms.get(roomKey)
    if (room === undefined) return
    for (const session of room.sessions()) {
      if (session.closed || link.channels.has(session.discoveryKey.toString('hex'))) continue
      offer(session, link.mux)
    }
  }

  private allowed (link: Link, dk: string): boolean {
    const rooms = this.owners.get(dk)
    if (rooms === undefined || rooms.size === 0) return false
    for (const roomKey of rooms) if (!link.rooms.has(roomKey)) return false
    return true
  }

  private hypercoreChannel (link: Link, opts: ChannelOptions, create: CreateChannel): Protomux.Channel | null {
    const dk = (opts.id as Buffer).toString('hex')
    if (!this.allowed(link, dk)) {
      this.refused++
      return null
    }
    const onclose = opts.onclose
    const channel = create({
      ...opts,
      onclose: (...args: unknown[]) => {
        if (link.channels.get(dk) === channel) link.channels.delete(dk)
        return (onclose as ((...a: unknown[]) => unknown) | undefined)?.(...args)
      }
    })
    if (channel !== null) link.channels.set(dk, channel)
    return channel
  }
}

// Attaches the core to the connection (Hypercore pairs it and opens its channel once the
// stream is open). Through the gate, like every other attach.
function offer (session: Hypercore, mux: Protomux): void {
  try {
    session.replicate(mux)
  } catch {} // a session closing under us: nothing to offer
}
