// A room's seeders (docs/architecture.md §14): the ones its view lists plus the ones this node
// was started with (`--seeder`), kept in step with the view, handed to Seeding, and summed up
// for the status line ("kept by 1 seeder").
import type Hyperbee from 'hyperbee'
import type Autobase from 'autobase'
import type Hypercore from 'hypercore'
import { errors } from '../errors.js'
import { isHex32 } from '../../views/limits.js'
import { readSeeders } from '../../views/seeders-reads.js'
import type { RoomEvent } from '../../views/schema.js'
import type { Seeding } from './seeding.js'

export interface RoomSeedersHooks {
  roomKey: () => string
  base: () => Autobase<Hyperbee>
  /** This member's drive cores (db and blobs), once the drive is open. */
  driveCores: () => Promise<Hypercore[]>
  encrypted: () => boolean
  append: (event: RoomEvent) => Promise<number>
  /** The seeders kept or their connections changed: the status may say something else now. */
  changed: () => void
  warn: (err: unknown) => void
}

const KEPT_POLL_MS = 1000
/** A closing node looks this often whether its seeders took what they lacked… */
const HANDOVER_POLL_MS = 50
/** …and stops waiting once they took nothing for this long (a seeder past its limit may never)… */
const HANDOVER_IDLE_MS = 1000
/** …or after this long in all. */
const HANDOVER_MAX_MS = 5000

export interface SeedingStatus {
  /** Seeders of this room this node is connected to now. */
  seeders: number
  /** A connected seeder holds every block this device wrote in the room (its log and its files). */
  kept: boolean
}

export class RoomSeeders {
  private readonly seeding: Seeding
  private readonly defaults: readonly string[]
  private readonly hooks: RoomSeedersHooks
  /** The seeders the view lists (hex keys), as of the last update. */
  listed: string[] = []
  private cores: Hypercore[] = []
  private readonly views = new Map<string, Hypercore>()
  private stopListening: (() => void) | null = null
  private warned = false
  /** While a connected seeder does not hold all of ours yet: looks again (no event says so). */
  private timer: NodeJS.Timeout | null = null

  constructor (seeding: Seeding, defaults: readonly string[], hooks: RoomSeedersHooks) {
    this.seeding = seeding
    this.defaults = defaults
    this.hooks = hooks
  }

  /** Every seeder keeping the room: the view's, then this node's own. */
  get all (): string[] {
    return [...new Set([...this.listed, ...this.defaults])]
  }

  start (): void {
    this.stopListening = this.seeding.onChange((seeder) => { if (this.all.includes(seeder)) this.changed() })
  }

  /** Says the status may have changed, and keeps looking while a seeder is still taking ours. */
  changed (): void {
    this.hooks.changed()
    const { seeders, kept } = this.status
    if (seeders === 0 || kept || this.timer !== null || this.stopListening === null) return
    this.timer = setTimeout(() => {
      this.timer = null
      this.changed()
    }, KEPT_POLL_MS)
    this.timer.unref()
  }

  /** The view changed: follow its list of seeders. */
  async updated (): Promise<void> {
    const listed = (await readSeeders(this.hooks.base().view)).map(s => s.key)
    const gone = this.listed.filter(k => !listed.includes(k) && !this.defaults.includes(k))
    const changed = gone.length > 0 || listed.length !== this.listed.length
    this.listed = listed
    if (gone.length > 0) this.seeding.drop(this.hooks.roomKey(), gone)
    await this.keep()
    if (changed) this.changed()
  }

  /** Asks every seeder of the room to keep it; a room made before encryption is never given. */
  async keep (): Promise<void> {
    const seeders = this.all
    if (seeders.length === 0) return
    if (!this.hooks.encrypted()) {
      if (!this.warned) this.hooks.warn(errors.notEncrypted())
      this.warned = true
      return
    }
    this.cores = await this.hooks.driveCores()
    await this.seeding.keep(this.hooks.roomKey(), { base: this.hooks.base(), cores: async () => this.cores }, seeders)
  }

  async add (key: string): Promise<void> {
    const seeder = seederKey(key)
    if (!this.hooks.encrypted()) throw errors.notEncrypted()
    if ((await readSeeders(this.hooks.base().view)).some(s => s.key === seeder)) return
    await this.hooks.append({ type: 'seeder-added', v: 3, key: seeder })
    await this.hooks.base().update() // room.seeders lists it once this resolves
    await this.updated()
  }

  async remove (key: string): Promise<void> {
    const seeder = seederKey(key)
    if (!(await readSeeders(this.hooks.base().view)).some(s => s.key === seeder)) throw errors.notFound('That seeder')
    await this.hooks.append({ type: 'seeder-removed', v: 3, key: seeder })
    await this.hooks.base().update()
    await this.updated()
  }

  // Kept: a seeder holds all of this device's own cores, and the room's view cores up to what
  // is signed. A member coming back to a long history fast-forwards to the signed state and
  // reads the view's blocks from whoever has them: a writer that left once its own log was on
  // the seeder, but not yet the view it signed, left that member waiting for ever.
  get status (): SeedingStatus {
    const seeders = this.all
    const connected = this.seeding.connected(seeders)
    if (connected === 0) return { seeders: 0, kept: false }
    const base = this.hooks.base()
    const mine = [base.local, ...this.cores].every(core => heldBySeeder(core, seeders, core.length))
    return { seeders: connected, kept: mine && base.views().every(v => heldBySeeder(this.viewCore(v.key), seeders, v.signedLength)) }
  }

  /**
   * Before the node closes: while a seeder is connected and does not hold all of ours yet (the
   * last messages, or the view signed since it last did), gives it a bounded moment to take it.
   * Without it, an owner closing just after its signing moved on left members that fast-forward
   * to that signed view waiting on blocks no one online had (docs/architecture.md §14.3).
   */
  async handOver (): Promise<void> {
    const start = Date.now()
    let held = -1
    let moved = start
    while (this.stopListening !== null) { // started, not stopped
      const { seeders, kept } = this.status
      if (seeders === 0 || kept) return
      const now = Date.now()
      const h = this.heldBlocks()
      if (h !== held) {
        held = h
        moved = now
      }
      if (now - moved >= HANDOVER_IDLE_MS || now - start >= HANDOVER_MAX_MS) return
      await new Promise(resolve => setTimeout(resolve, HANDOVER_POLL_MS))
    }
  }

  /** How many blocks of the cores `kept` looks at the connected seeders hold, in all. */
  private heldBlocks (): number {
    const base = this.hooks.base()
    const seeders = this.all
    let n = 0
    for (const core of [base.local, ...this.cores, ...base.views().map(v => this.viewCore(v.key))]) n += seederLength(core, seeders)
    return n
  }

  /** A session on one of the base's view cores, opened once (its peers are the core's). */
  private viewCore (key: Buffer): Hypercore {
    const id = key.toString('hex')
    let core = this.views.get(id)
    if (core === undefined || core.closed) {
      core = this.hooks.base().store.get({ key, active: false })
      core.ready().catch(() => {})
      this.views.set(id, core)
    }
    return core
  }

  stop (): void {
    if (this.timer !== null) clearTimeout(this.timer)
    this.timer = null
    this.stopListening?.()
    this.stopListening = null
    this.seeding.drop(this.hooks.roomKey())
    for (const core of this.views.values()) core.close().catch(() => {})
    this.views.clear()
  }
}

/** A seeder's key as the view stores it: 64 lowercase hex characters. */
export function seederKey (key: string): string {
  const k = typeof key === 'string' ? key.trim().toLowerCase() : key
  if (!isHex32(k)) throw errors.invalid('A seeder key is the 64 hexadecimal characters `linkup seed` prints')
  return k
}

// Hypercore tells each peer which blocks it has: the seeder holds all of ours once its
// contiguous length reaches ours.
function heldBySeeder (core: Hypercore, seeders: string[], length: number): boolean {
  return length === 0 || seederLength(core, seeders) >= length
}

/** The longest contiguous length a connected seeder holds of `core`. */
function seederLength (core: Hypercore, seeders: string[]): number {
  let longest = 0
  for (const peer of core.peers as Array<{ remotePublicKey?: Buffer, remoteContiguousLength?: number }>) {
    if (peer.remotePublicKey === undefined || !seeders.includes(peer.remotePublicKey.toString('hex'))) continue
    longest = Math.max(longest, peer.remoteContiguousLength ?? 0)
  }
  return longest
}
