// Networking: one DHT, one Hyperswarm and one wakeup protocol for all rooms of a node.
// Every connection replicates the Corestore through the replication gate (a room's cores
// only once the peer proved it may have them: admission.ts, replication-gate.ts), joins the
// shared ProtomuxWakeup (which is what delivers a joiner's optimistic block), and opens the
// LinkUp peer channel that tells us which peers actually talk, and in which rooms.
import { EventEmitter } from 'events'
import HyperDHT from 'hyperdht'
import Hyperswarm from 'hyperswarm'
import ProtomuxWakeup from 'protomux-wakeup'
import Protomux from 'protomux'
import type Corestore from 'corestore'
import { PeerChannel, type Clock, type Removal } from './peer-channel.js'
import { ConnectionHealth, REDIAL_BACKOFFS, REDIAL_JITTER_MS } from './health.js'
import { ReplicationGate } from './replication-gate.js'
import { Admission, type RoomAccessPoint } from './admission.js'
import { Topic } from './topic.js'
import { untilOrAfter } from '../until-or-after.js'

export interface NetworkOptions {
  store: Corestore
  /** 'host:port' strings; undefined means the public DHT. */
  bootstrap?: string[]
  /** The address the DHT socket binds to. */
  dhtHost?: string
  /** This node's swarm identity (Client: derived from the store, so it survives restarts). */
  keyPair?: { publicKey: Buffer, secretKey: Buffer }
  /** ms a new connection may go without receiving a byte before it is dropped and redialled (health.ts); 0: never. */
  helloTimeout?: number
  /** ms a connection that carries bytes may go without a hello before it is dropped (health.ts). */
  answerTimeout?: number
}

const CLOSE_GRACE_MS = 1000
/** Hypercore's own keep-alive for the streams it makes (Hypercore.createProtocolStream). */
const KEEP_ALIVE_MS = 5000

/**
 * Events: 'peers' (roomKey) when the set of peers in a room changes; 'peer-joined' (roomKey,
 * peer) when a peer starts counting in a room (both sides admitted each other); 'clock'
 * (roomKey, peer) when a peer reports its clock for a room; 'typing' (roomKey, writer) when an
 * admitted peer says its member (the writer its proof speaks for) is typing there; 'presence'
 * (roomKey, peer) when a peer in a room says which writers it is connected to there.
 */
export class Network extends EventEmitter {
  readonly dht: HyperDHT
  readonly swarm: Hyperswarm
  readonly wakeup = new ProtomuxWakeup()
  readonly health: ConnectionHealth
  readonly gate = new ReplicationGate()
  readonly admission: Admission
  private readonly store: Corestore
  private readonly topics = new Map<string, Topic>()
  private readonly channels = new Set<PeerChannel>()
  private destroyed = false

  constructor (opts: NetworkOptions) {
    super()
    // Every room listens here ('peers', 'peer-joined', 'clock'): past ten rooms Node warned of
    // a leak that is not one (bench: 20 rooms in one node).
    this.setMaxListeners(0)
    this.store = opts.store
    this.admission = new Admission(this.gate, (roomKey, peer) => this.standingChanged(roomKey, peer))
    const dhtOpts: ConstructorParameters<typeof HyperDHT>[0] = {}
    if (opts.bootstrap !== undefined) dhtOpts.bootstrap = opts.bootstrap
    if (opts.dhtHost !== undefined) dhtOpts.host = opts.dhtHost
    this.dht = new HyperDHT(dhtOpts)
    this.health = new ConnectionHealth({ helloTimeout: opts.helloTimeout, answerTimeout: opts.answerTimeout })
    this.swarm = new Hyperswarm({ dht: this.dht, backoffs: REDIAL_BACKOFFS, jitter: REDIAL_JITTER_MS, ...(opts.keyPair === undefined ? {} : { keyPair: opts.keyPair }) })
    this.swarm.on('connection', (conn: Hyperswarm.Connection) => this.onconnection(conn))
  }

  /** Connections that have not (yet) answered our hello. */
  get connecting (): number {
    let n = this.swarm.connecting
    for (const ch of this.channels) if (!ch.answered) n++
    return n
  }

  /** This node's network identity (the device's key pair, derived from the store). */
  get keyPair (): { publicKey: Buffer, secretKey: Buffer } {
    return this.swarm.keyPair as { publicKey: Buffer, secretKey: Buffer }
  }

  /** Peers in the room: they talk, share it, and each side admitted the other (§6.7). */
  peers (roomKey: string): PeerChannel[] {
    return [...this.channels].filter(ch => ch.answered && ch.rooms.has(roomKey) && this.admission.isPeer(ch, roomKey))
  }

  /** Connections sharing the room, admitted or not. */
  sharing (roomKey: string): PeerChannel[] {
    return [...this.channels].filter(ch => ch.answered && ch.rooms.has(roomKey))
  }

  /**
   * Looks up a room and, unless `announce` is false, announces it: a peer that looks the room up
   * finds (and dials) only those that announce it (room-reach.ts). It looks again, backing off,
   * while the room has no peers or `lacking` says someone it needs is missing (topic.ts). The room's access
   * point proves us and judges peers (admission.ts). Does not wait for the DHT: offline is a
   * normal state.
   */
  join (roomKey: string, discoveryKey: Buffer, access: RoomAccessPoint, opts: { announce?: boolean, lacking?: () => boolean } = {}): void {
    if (this.destroyed || this.topics.has(roomKey)) return
    this.admission.register(roomKey, access)
    const announcing = opts.announce ?? true
    const discovery = this.swarm.join(discoveryKey, { client: true, server: announcing })
    const topic = new Topic(discoveryKey, discovery, announcing, () => this.peers(roomKey).length > 0, opts.lacking ?? (() => false))
    this.topics.set(roomKey, topic)
    for (const ch of this.channels) ch.sendRooms()
    discovery.flushed().then(() => topic.scheduleRefresh(), () => {})
  }

  /**
   * Starts or stops announcing a joined room; it is looked up either way. Starting looks again
   * at once, and keeps looking while the room has no peers (those that announced at the same
   * moment may each have missed the other).
   */
  announce (roomKey: string, on: boolean): void {
    if (!this.destroyed) this.topics.get(roomKey)?.announce(on)
  }

  /** Looks the room up again now, and goes on looking while it lacks someone (see join). */
  lookAgain (roomKey: string): void {
    if (!this.destroyed) this.topics.get(roomKey)?.lookAgain()
  }

  async leave (roomKey: string): Promise<void> {
    const topic = this.topics.get(roomKey)
    if (topic === undefined) return
    this.topics.delete(roomKey)
    this.admission.unregister(roomKey)
    topic.stop()
    for (const ch of this.channels) ch.sendRooms()
    // The DHT withdrawal (unannouncing) can take seconds, or wait on nodes that never answer
    // when offline: the room is gone here at once, the withdrawal goes on in the background
    // (destroy() ends it, as it ends every lookup).
    const withdrawn = this.swarm.leave(topic.discoveryKey).catch(() => {})
    await untilOrAfter(withdrawn, CLOSE_GRACE_MS)
  }

  /** Says to every peer in the room that our member is typing (src/attention/typing.ts). */
  announceTyping (roomKey: string): void {
    for (const ch of this.peers(roomKey)) ch.sendTyping(roomKey)
  }

  /** Sends our clock for a room to every peer in it. */
  announceClock (roomKey: string, clock: Clock): void {
    for (const ch of this.peers(roomKey)) ch.sendClock(roomKey, clock)
  }

  /** Judges the room's peers again (`refusedOnly`: those refused now); resolves once in force. */
  recheck (roomKey: string, opts: { refusedOnly?: boolean } = {}): Promise<void> {
    return this.admission.recheck(roomKey, this.sharing(roomKey), opts)
  }

  /**
   * Writers just removed from the room (this device removed them, or applied their removal):
   * their connections lose the room at once, and the notices go to every peer in it.
   */
  expel (roomKey: string, removals: Removal[]): void {
    const sharing = this.sharing(roomKey)
    this.admission.expel(roomKey, removals, sharing)
    for (const peer of sharing) peer.sendNotices(roomKey, removals)
  }

  /** Sends our proof for the room again (we can prove now, or prove differently). */
  reprove (roomKey: string): void {
    this.admission.reprove(roomKey, this.sharing(roomKey))
  }

  /** Looks for peers again now, e.g. after the machine comes back online. */
  refresh (): void {
    for (const topic of this.topics.values()) topic.discovery.refresh().catch(() => {})
  }

  /**
   * Goes offline: every connection closed, discovery and the DHT suspended (Hyperswarm's own
   * suspend). The Client does this while the disk is full, since every block a peer sends is a
   * write. Topics stay joined and are announced again on resume().
   */
  async suspend (): Promise<void> {
    if (this.destroyed) return
    await this.swarm.suspend()
  }

  async resume (): Promise<void> {
    if (this.destroyed) return
    await this.swarm.resume()
    this.refresh()
  }

  async destroy (): Promise<void> {
    if (this.destroyed) return
    this.destroyed = true
    for (const topic of this.topics.values()) topic.stop()
    this.topics.clear()
    this.health.destroy()
    // Leaving topics politely unannounces them from the DHT, which can wait for seconds on
    // nodes that do not answer (or with no network at all): give it a moment, then force.
    let timer: NodeJS.Timeout | null = null
    const gentle = this.swarm.destroy().then(() => true, () => false)
    const late = new Promise<false>((resolve) => { timer = setTimeout(() => resolve(false), CLOSE_GRACE_MS) })
    const done = await Promise.race([gentle, late])
    if (timer !== null) clearTimeout(timer)
    if (!done) {
      await this.dht.destroy({ force: true }) // ends the DHT queries the swarm is waiting on
      await gentle
    }
    this.wakeup.destroy()
  }

  private onconnection (conn: Hyperswarm.Connection): void {
    conn.on('error', () => {}) // a dropped connection is normal; replication recovers
    this.health.watch(conn)
    // The gate goes on the connection's protomux before Corestore attaches a single core.
    const mux = Protomux.from(conn)
    const secret = conn as unknown as { userData: unknown, keepAlive: number, setKeepAlive (ms: number): void }
    secret.userData = mux
    if (secret.keepAlive === 0) secret.setKeepAlive(KEEP_ALIVE_MS)
    this.gate.guard(conn, mux)
    const stream = this.store.replicate(conn)
    this.wakeup.addStream(stream)
    const channel = new PeerChannel(conn, {
      roomKeys: () => [...this.topics.keys()],
      onOpen: () => {
        this.health.answered(conn)
        this.emitPeers(channel)
      },
      onRooms: () => this.emitPeers(channel),
      onClock: (ch, roomKey) => { if (this.admission.isPeer(ch, roomKey)) this.emit('clock', roomKey, ch) },
      onTyping: (ch, roomKey) => {
        const writer = ch.proofs.get(roomKey)?.writer
        if (writer !== undefined && this.admission.isPeer(ch, roomKey)) this.emit('typing', roomKey, writer)
      },
      onPresence: (ch, roomKey) => { if (this.admission.isPeer(ch, roomKey)) this.emit('presence', roomKey, ch) },
      onShared: (ch, roomKey) => this.admission.shared(ch, roomKey),
      onProof: (ch, roomKey) => this.admission.proof(ch, roomKey),
      onVerdict: (ch, roomKey) => this.admission.verdict(ch, roomKey),
      onHint: (ch, roomKey, hint) => this.admission.hinted(ch, roomKey, hint),
      onNotices: (ch, roomKey, notices) => this.admission.notices(ch, roomKey, notices, this.sharing(roomKey)),
      onClose: (ch) => {
        this.channels.delete(ch)
        this.emitPeers(ch)
      }
    })
    this.channels.add(channel)
    conn.once('close', () => {
      this.channels.delete(channel)
      this.emitPeers(channel)
    })
  }

  private emitPeers (channel: PeerChannel): void {
    for (const roomKey of this.topics.keys()) this.standingChanged(roomKey, channel)
  }

  // A peer that starts counting in a room gets our clock for it at once.
  private readonly counted = new WeakMap<PeerChannel, Set<string>>()

  private standingChanged (roomKey: string, channel: PeerChannel): void {
    let counted = this.counted.get(channel)
    if (counted === undefined) this.counted.set(channel, counted = new Set())
    const now = channel.answered && channel.rooms.has(roomKey) && this.admission.isPeer(channel, roomKey) && this.channels.has(channel)
    const before = counted.has(roomKey)
    if (now) counted.add(roomKey)
    else counted.delete(roomKey)
    this.emit('peers', roomKey)
    if (now && !before) this.emit('peer-joined', roomKey, channel)
  }
}
