// What a room knows of trust on this device (docs/architecture.md §3, §6.7): its own role, its
// cores (for the replication gate), its access point (proofs and verdicts), and whether it was
// removed. Follows the view: after each update it tells the gate about new writers and drives
// and, when who is in changed (meta/trust moved), has the network judge the room's peers again.
import type Autobase from 'autobase'
import type Hyperbee from 'hyperbee'
import type Corestore from 'corestore'
import type { Role } from '../../views/schema.js'
import { readMember, readRoom } from '../../views/members-reads.js'
import { readAdmins, readBan, readDriveKeys, readTrustChanges } from '../../views/trust-reads.js'
import { adminsOnlyInvites } from '../../views/invites-reads.js'
import { readWriters } from '../../views/devices-reads.js'
import { decodeEvent } from '../../views/schema.js'
import type { Clock } from '../../views/records.js'
import type { Network } from '../network/swarm.js'
import type { Notice } from '../network/peer-channel.js'
import { RoomAccess, type AccessHooks } from './room-access.js'
import { RoomCores } from './room-cores.js'

const REMOVED = Buffer.from('"member-removed"')
const DEVICE_REMOVED = Buffer.from('"device-removed"')

export interface TrustHooks {
  roomKey: () => string
  /** Emitted once: this device was removed from the room. */
  onRemoved: (how: { notice?: Notice }) => void
  /** This device's role changed (or it stopped being a member). */
  onRole: (role: Role | null) => void
  /** "Only admins invite" was turned on or off (a removal turns it on). */
  onInvitePolicy: (adminsOnly: boolean) => void
  /** Hints for joiners, and the one sent to us (src/view-hint.ts). */
  hintFor: NonNullable<AccessHooks['hintFor']>
  onHint: NonNullable<AccessHooks['onHint']>
}

export class RoomTrust {
  readonly cores: RoomCores
  readonly access: RoomAccess
  /** This device's role in the room, as of the last update (null: not a member). */
  role: Role | null = null
  removed = false
  /** Only the owner's and admins' invites admit, as of the last update (views/invite-rules.ts). */
  adminsOnly = false
  /**
   * Who this device acts for in the room, as of the last update: the identity its writer is
   * bound to (docs/architecture.md §16), or its writer key (no binding, or not open yet: '').
   */
  me = ''
  private readonly network: Network
  private readonly hooks: TrustHooks
  private base: Autobase<Hyperbee> | null = null
  private trustSeen = -1
  private readonly writers = new Set<string>()

  /** `root`: the client's Corestore (the room's cores are held open on it). */
  constructor (network: Network, root: Corestore, hooks: TrustHooks) {
    this.network = network
    this.hooks = hooks
    this.cores = new RoomCores(root)
    this.access = new RoomAccess({
      roomKey: () => Buffer.from(this.hooks.roomKey(), 'hex'),
      view: () => this.baseOrThrow().view,
      writerKey: () => this.baseOrThrow().local.key,
      keyPair: () => this.base?.local.keyPair ?? null,
      cores: this.cores,
      onRemoved: (notice) => this.markRemoved({ notice }),
      hintFor: (joiner) => this.hooks.hintFor(joiner),
      onHint: (hint) => this.hooks.onHint(hint)
    })
  }

  /** The stores the room's base and drives open cores through: tracked, so the gate knows them. */
  track (store: Corestore): Corestore {
    return this.cores.track(store)
  }

  /** Once the base is open: the room's cores go to the network's gate from now on. */
  attach (base: Autobase<Hyperbee>): void {
    this.base = base
    this.cores.connect({ own: (dk, session) => this.network.gate.own(this.hooks.roomKey(), dk, session) })
  }

  /** After each view update (and once at open). Resolves once the peers' verdicts are in force. */
  async updated (clock: Clock): Promise<void> {
    for (const writer of Object.keys(clock)) {
      if (this.writers.has(writer)) continue
      this.writers.add(writer)
      this.cores.addWriter(writer)
    }
    const view = this.baseOrThrow().view
    const trust = await readTrustChanges(view)
    if (trust === this.trustSeen) {
      await this.network.recheck(this.hooks.roomKey(), { refusedOnly: true })
      return
    }
    this.trustSeen = trust
    await this.readOwnStanding(view)
    await this.network.recheck(this.hooks.roomKey())
  }

  /** Profiles changed: members' drives (and their blobs) are the room's cores too. */
  async profilesChanged (store: Corestore): Promise<void> {
    for (const drive of await readDriveKeys(this.baseOrThrow().view)) await this.cores.addDrive(drive, store)
  }

  /**
   * Called with the blocks Autobase just applied (before it can append anything after them):
   * a removal among them closes the removed writer's connections at once, without waiting for
   * the update that follows, so not even an ack this device writes next reaches it.
   */
  applied (nodes: Array<{ value: Buffer | null, from: { key: Buffer } }>): void {
    const removals = []
    for (const node of nodes) {
      if (node.value === null || !(node.value.includes(REMOVED) || node.value.includes(DEVICE_REMOVED))) continue
      const decoded = decodeEvent(node.value)
      if (decoded?.kind !== 'event') continue
      const ev = decoded.event
      if (ev.type === 'member-removed' && ev.v === 3) {
        const notice = { by: node.from.key.toString('hex'), publicKey: ev.publicKey, sig: ev.sig }
        removals.push({ removed: ev.key, ...notice })
        // a person with devices (§16.2): each of their writers goes with them
        for (const [writer, bound] of this.access.identities) if (bound.identity === ev.key) removals.push({ removed: writer, ...notice })
      }
      if (ev.type === 'device-removed') removals.push({ removed: ev.writer, by: node.from.key.toString('hex'), publicKey: ev.publicKey, sig: ev.sig })
    }
    if (removals.length === 0) return
    const fresh = this.access.noticed(removals)
    if (fresh.length > 0) this.network.expel(this.hooks.roomKey(), fresh)
  }

  private async readOwnStanding (view: Hyperbee): Promise<void> {
    this.access.admins = new Set(await readAdmins(view))
    this.access.owner = (await readRoom(view))?.owner ?? null
    const me = this.baseOrThrow().local.key.toString('hex')
    const writers = await readWriters(view)
    this.access.identities = new Map([...writers].map(([writer, record]) => [writer, { identity: record.identity, removed: record.removed === true }]))
    const binding = writers.get(me)
    this.me = binding === undefined || binding.removed === true ? me : binding.identity
    const role = (await readMember(view, this.me))?.role ?? null
    if (role !== this.role) {
      this.role = role
      this.hooks.onRole(role)
    }
    const adminsOnly = await adminsOnlyInvites(view)
    if (adminsOnly !== this.adminsOnly) {
      this.adminsOnly = adminsOnly
      this.hooks.onInvitePolicy(adminsOnly)
    }
    if (await readBan(view, me) !== null) this.markRemoved({})
  }

  private markRemoved (how: { notice?: Notice }): void {
    if (this.removed) return
    this.removed = true
    this.hooks.onRemoved(how)
  }

  private baseOrThrow (): Autobase<Hyperbee> {
    if (this.base === null) throw new Error('The room is not open yet')
    return this.base
  }
}
