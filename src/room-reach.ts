// Who a member of a room connects to (docs/architecture.md §6.1): the room's signers (its
// indexers: the owner, or up to three admins, views/roles.ts), not every other member. A signer announces the room's topic; a
// member only looks it up, so it dials the signers (and whoever else announces) and nobody dials
// it. While none of its peers is a signer (the owner away, or not found yet) a member announces
// too, so that the members find one another and go on talking without the signers; once a signer
// is back it stops announcing (connections already made stay). A signer also looks, backing
// off, for the other signers until it has them as peers: Autobase signs with a majority of the
// indexers, which must therefore reach one another, and in a star nobody else introduces them.
//
// Why: in a full mesh every member hears from every other about every block (Hypercore tells
// each peer its new length and the blocks it holds), so a receiver's cost per message grew with
// the members online: 1.4× at 8 members even after the wire fixes; through the owner 1.04×, and
// the owner's own cost grows only by the copies it sends (issue #18).
import type { Network } from './network/swarm.js'
import type { PeerChannel } from './network/peer-channel.js'
import type { RoomAccessPoint } from './network/admission.js'

export interface RoomReachHooks {
  roomKey: () => string
  discoveryKey: () => Buffer
  /** This device signs the room (an indexer), or owns it (its signer before the first block). */
  isSigner: () => boolean
  /** Writer keys (hex) of the room's signers. */
  signers: () => Set<string>
  /** This device's writer key in the room. */
  writerKey: () => string
  /** What proves us to the room's peers and judges them (admission.ts). */
  access: RoomAccessPoint
}

/** How long a member looks for a signer after it opens the room before it announces itself. */
const FIND_SIGNER_MS = 3000

export class RoomReach {
  private readonly network: Network
  private readonly hooks: RoomReachHooks
  private timer: NodeJS.Timeout | null = null
  private joined = false

  constructor (network: Network, hooks: RoomReachHooks) {
    this.network = network
    this.hooks = hooks
  }

  /** Joins the room's topic: announcing it if this device signs, else looking it up. */
  start (): void {
    const signer = this.hooks.isSigner()
    this.network.join(this.hooks.roomKey(), this.hooks.discoveryKey(), this.hooks.access, { announce: signer, lacking: () => this.lacksSigners() })
    this.joined = true
    this.network.on('peers', this.onpeers)
    this.network.on('clock', this.onpeers) // a peer names its writer in its clocks
    if (signer) return
    this.timer = setTimeout(() => {
      this.timer = null
      this.check()
    }, FIND_SIGNER_MS)
    this.timer.unref()
  }

  stop (): void {
    if (this.timer !== null) clearTimeout(this.timer)
    this.timer = null
    this.joined = false
    this.network.off('peers', this.onpeers)
    this.network.off('clock', this.onpeers)
  }

  /** Decides again whether to announce (peers came or went, or the signers changed). */
  check (): void {
    if (!this.joined) return
    const signer = this.hooks.isSigner()
    if (!signer && this.timer !== null) return // still looking for a signer
    this.network.announce(this.hooks.roomKey(), signer || !this.signerOnline())
    if (this.lacksSigners()) this.network.lookAgain(this.hooks.roomKey())
  }

  /** This device signs, and some other signer is not among its peers. */
  private lacksSigners (): boolean {
    if (!this.hooks.isSigner()) return false
    const online = this.peerWriters()
    const me = this.hooks.writerKey()
    return [...this.hooks.signers()].some((key) => key !== me && !online.has(key))
  }

  private peerWriters (): Set<string> {
    const room = this.hooks.roomKey()
    return new Set(this.network.peers(room).flatMap((peer: PeerChannel) => peer.writerIn(room) ?? []))
  }

  /** Some peer in the room speaks for one of its signers (its proof names the writer, §6.7). */
  private signerOnline (): boolean {
    const online = this.peerWriters()
    return [...this.hooks.signers()].some((key) => online.has(key))
  }

  private readonly onpeers = (roomKey: string): void => {
    if (roomKey === this.hooks.roomKey()) this.check()
  }
}
