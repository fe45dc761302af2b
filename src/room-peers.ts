// What a room knows of its peers, from the peer channel: who is online in it, their clocks
// (writer → last seq applied), and from those the sync status, whether our messages have
// reached anyone, and the round trip to each. Emits through the callbacks it is given, and
// logs peers coming and going and the room catching up with them.
import type { Network } from './network/swarm.js'
import type { Clock, PeerChannel } from './network/peer-channel.js'
import { short, type Logger } from './log.js'
import type { SeedingStatus } from './seed/room-seeders.js'

export interface RoomStatus {
  /** Peers in this room that answered us. */
  peers: number
  /** Connections still waiting for their first answer (all rooms). */
  connecting: number
  /** A peer has events this device has not applied yet. */
  behind: boolean
  /** Share of the known events applied here, 0..1. */
  progress: number
  /** Everything in the view is signed by the owner (false while the owner is offline). */
  signed: boolean
  /** Seeders keeping the room that this node is connected to now ("kept by 1 seeder"). */
  seeders: number
  /** Writers online in the room, this device's included (onlineWriters: what members() counts). */
  online: number
  /** A connected seeder holds every block this device wrote in the room: safe to go offline. */
  kept: boolean
  /**
   * The room is still opening: Client.ready() lists every room at once and opens them a few at
   * a time (room-opener.ts); the other fields say nothing yet.
   */
  opening: boolean
}

/** The status of a room still opening. */
export function opening (connecting: number): RoomStatus {
  return { peers: 0, connecting, behind: false, progress: 0, signed: false, seeders: 0, online: 0, kept: false, opening: true }
}

export interface RoomPeersHooks {
  roomKey: () => string
  writerKey: () => string
  /** This device's clock for the room. */
  clock: () => Clock
  /**
   * How many blocks this device knows a writer's core to hold (replication verifies them: the
   * writer signs its core), or null for a writer whose core it does not have open.
   */
  writerLength: (writer: string) => number | null
  signed: () => boolean
  /** The room's seeders (src/seed/room-seeders.ts); none when left out. */
  seeding?: () => SeedingStatus
  onStatus: (status: RoomStatus) => void
  /** Our messages up to `seq` have reached a peer. */
  onSeen: (seq: number) => void
  log: () => Logger
}

const CATCH_UP_MS = 2000
const NO_SEEDERS: SeedingStatus = { seeders: 0, kept: false }
// Our clock goes at once to the peers whose own messages it newly holds (they learn they were
// seen, and a joiner that it was admitted), and to every other peer at most this often: a
// clock to every peer on every message made each member's cost per message grow with the
// members online (issue #18). Status elsewhere ("behind", progress) lags by this much at most.
const CLOCK_EVERY_MS = 1000

export class RoomPeers {
  private readonly network: Network
  private readonly hooks: RoomPeersHooks
  private lastStatus = ''
  private seen = -1
  /** The peers in the room at the last look, and whether we had caught up with them. */
  private known = new Set<string>()
  private synced = false
  /** Caught up once since a peer connected; when we fell behind since (ms), if we did. */
  private caughtUp = false
  private behindSince: number | null = null
  /** The clock as last told to the room's peers, and the timer of the next such telling. */
  private announced: Clock = {}
  private clockTimer: NodeJS.Timeout | null = null
  /** The writers we last told our peers we are connected to (sorted, joined). */
  private presence = ''

  constructor (network: Network, hooks: RoomPeersHooks) {
    this.network = network
    this.hooks = hooks
  }

  /** Starts following the network for this room. */
  listen (): void {
    this.network.on('peers', this.onpeers)
    this.network.on('peer-joined', this.onpeerjoined)
    this.network.on('clock', this.onclock)
    this.network.on('presence', this.onpresence)
  }

  unlisten (): void {
    if (this.clockTimer !== null) clearTimeout(this.clockTimer)
    this.clockTimer = null
    this.network.off('peers', this.onpeers)
    this.network.off('peer-joined', this.onpeerjoined)
    this.network.off('clock', this.onclock)
    this.network.off('presence', this.onpresence)
  }

  get list (): PeerChannel[] { return this.network.peers(this.hooks.roomKey()) }

  get status (): RoomStatus {
    const room = this.hooks.roomKey()
    const theirs = this.list.map(p => p.rooms.get(room) ?? {})
    // Nobody has applied more of our own events than we have. Our core's length is no cap
    // for claims about them: a signer's core ends in acks (its signatures), which no clock
    // counts, so a forged claim capped there held the owner "behind" for ever.
    const me = this.hooks.writerKey()
    const known = (writer: string): number | null => writer === me ? null : this.hooks.writerLength(writer)
    return {
      peers: theirs.length,
      connecting: this.network.connecting,
      ...syncProgress(this.hooks.clock(), theirs, known),
      signed: this.hooks.signed(),
      ...(this.hooks.seeding?.() ?? NO_SEEDERS),
      online: this.onlineWriters().size,
      opening: false
    }
  }

  /** The highest seq of ours that some peer says it has applied: never past what we wrote. */
  seenByPeers (): number {
    const room = this.hooks.roomKey()
    const me = this.hooks.writerKey()
    let seen = -1
    for (const peer of this.list) seen = Math.max(seen, peer.rooms.get(room)?.[me] ?? -1)
    return Math.min(seen, (this.hooks.writerLength(me) ?? 0) - 1)
  }

  /**
   * Writers online in the room (docs/architecture.md §16.5): this device's, those its peers in
   * the room speak for (connected to us), and those each of them says it is connected to there
   * (presence, one hop: in the star of §6.1 a signer is connected to every member online). Not
   * a peer's clock: a clock lists every writer it holds messages of, online or not.
   */
  onlineWriters (): Set<string> {
    const room = this.hooks.roomKey()
    const online = this.connectedWriters()
    for (const peer of this.list) for (const writer of peer.present.get(room) ?? []) online.add(writer)
    return online
  }

  /** This device's writer and those its peers in the room speak for (their proofs, §6.7). */
  connectedWriters (): Set<string> {
    const room = this.hooks.roomKey()
    const writers = new Set<string>([this.hooks.writerKey()])
    for (const peer of this.list) {
      const writer = peer.writerIn(room)
      if (writer !== undefined) writers.add(writer)
    }
    return writers
  }

  async ping (): Promise<Array<{ key: string, rtt: number }>> {
    const peers = this.list
    const rtts = await Promise.all(peers.map(p => p.ping()))
    return peers.flatMap((p, i) => rtts[i] === null ? [] : [{ key: p.key, rtt: rtts[i] as number }])
  }

  /** The view changed: tell the peers our clock (see CLOCK_EVERY_MS), and the user the status. */
  updated (): void {
    const room = this.hooks.roomKey()
    const clock = this.hooks.clock()
    for (const peer of this.list) {
      const writer = peer.writerIn(room) // the writer its proof speaks for (§6.7)
      if (writer === undefined || (clock[writer] ?? -1) > (this.announced[writer] ?? -1)) peer.sendClock(room, clock)
    }
    this.announced = clock
    if (this.clockTimer === null) {
      this.clockTimer = setTimeout(() => {
        this.clockTimer = null
        for (const peer of this.list) peer.sendClock(room, this.hooks.clock())
      }, CLOCK_EVERY_MS)
      this.clockTimer.unref()
    }
    this.emitStatus()
  }

  /** Something the status shows changed (the seeders): say so if the status did. */
  refresh (): void {
    this.emitStatus()
  }

  private readonly onpeers = (roomKey: string): void => {
    if (roomKey !== this.hooks.roomKey()) return
    this.logPeers()
    this.tellPresence()
    this.emitStatus()
  }

  private logPeers (): void {
    const now = new Set(this.list.map((p) => p.key))
    const count = `${now.size} ${now.size === 1 ? 'peer' : 'peers'}`
    for (const key of now) if (!this.known.has(key)) this.hooks.log().info({ peer: short(key), peers: now.size }, `peer ${short(key)} connected (${count})`)
    for (const key of this.known) if (!now.has(key)) this.hooks.log().info({ peer: short(key), peers: now.size }, `peer ${short(key)} disconnected (${count})`)
    this.known = now
  }

  // Synced: some peer in the room has told us its clock and none has anything we lack. Said
  // at info the first time after a peer connects and after a catch-up of over CATCH_UP_MS;
  // every message from a peer puts us behind for a moment, and that is said only at debug.
  private logSync (status: RoomStatus): void {
    const room = this.hooks.roomKey()
    const heard = this.list.some((p) => Object.keys(p.rooms.get(room) ?? {}).length > 0)
    const synced = status.peers > 0 && !status.behind && heard
    if (status.peers === 0) this.caughtUp = false
    if (synced && !this.synced) {
      const events = Object.values(this.hooks.clock()).reduce((n, seq) => n + seq + 1, 0)
      const slow = this.behindSince !== null && Date.now() - this.behindSince >= CATCH_UP_MS
      const log = this.hooks.log()
      const say = !this.caughtUp || slow ? log.info.bind(log) : log.debug.bind(log)
      say({ peers: status.peers, events }, `synced: caught up with ${status.peers} ${status.peers === 1 ? 'peer' : 'peers'} (${events} events)`)
      this.caughtUp = true
    }
    if (synced || status.peers === 0) this.behindSince = null
    else if (status.behind) this.behindSince ??= Date.now()
    this.synced = synced
  }

  // a peer that just told us it shares the room gets our clock and presence for it at once
  private readonly onpeerjoined = (roomKey: string, peer: PeerChannel): void => {
    if (roomKey !== this.hooks.roomKey()) return
    peer.sendClock(roomKey, this.hooks.clock())
    this.tellPresence(peer)
  }

  private readonly onpresence = (roomKey: string): void => {
    if (roomKey === this.hooks.roomKey()) this.emitStatus()
  }

  /**
   * Tells our peers in the room which writers we are connected to there, when that changed
   * (or only `to`, a peer that just started counting). A message to each peer per change: in
   * a star, a signer's cost per member coming or going grows with the members online.
   */
  private tellPresence (to?: PeerChannel): void {
    const room = this.hooks.roomKey()
    const writers = [...this.connectedWriters()].sort()
    if (to !== undefined) {
      to.sendPresence(room, writers)
      return
    }
    const text = writers.join()
    if (text === this.presence) return
    this.presence = text
    for (const peer of this.list) peer.sendPresence(room, writers)
  }

  private readonly onclock = (roomKey: string): void => {
    if (roomKey !== this.hooks.roomKey()) return
    const seen = this.seenByPeers()
    if (seen > this.seen) {
      this.seen = seen
      this.hooks.onSeen(seen)
    }
    this.emitStatus()
  }

  private emitStatus (): void {
    const status = this.status
    this.logSync(status)
    const text = JSON.stringify(status)
    if (text === this.lastStatus) return
    this.lastStatus = text
    this.hooks.onStatus(status)
  }
}

/**
 * Whether this device is behind its peers, and the share of the known events it has applied.
 * A peer's clock is a claim (a peer can send any numbers on the peer channel, and one that
 * repeated a forged clock held the room at "syncing 0 %" for ever): for each writer it counts
 * only up to the length replication shows that writer's core to have (`known`), and not at all
 * for a writer whose core this device does not have open. So a claim can tell us we are behind
 * only on blocks that exist. Pure, so it is tested on its own.
 */
export function syncProgress (mine: Clock, claims: Clock[], known: (writer: string) => number | null): { behind: boolean, progress: number } {
  const writers = new Set(Object.keys(mine))
  for (const clock of claims) for (const w of Object.keys(clock)) writers.add(w)
  let applied = 0
  let total = 0
  for (const w of writers) {
    const have = (mine[w] ?? -1) + 1
    const claimed = Math.max(0, ...claims.map(c => (c[w] ?? -1) + 1))
    const exists = known(w) ?? have
    applied += have
    total += Math.max(have, Math.min(claimed, exists))
  }
  return { behind: total > applied, progress: total === 0 ? 1 : applied / total }
}
