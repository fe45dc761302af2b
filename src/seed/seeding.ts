// This node's side of seeding (docs/architecture.md §14): it asks seeders, Holepunch blind
// peers, to keep its rooms, through one `blind-peering` client for all rooms.
//
// - Which seeders keep a room: those its view lists (room.addSeeder) and those this node was
//   started with for every room (`--seeder`). A room made before encryption is never given to
//   a seeder: it would store the room readable.
// - For each, the room's Autobase (blind-peering sends its writers and views, and the blind
//   peer wakes the room's other members up with the latest lengths) and this member's own
//   drive, both its cores: every member keeps its own cores on the seeder, so together they
//   keep all of them.
// - The connection to a seeder is ours (we dial it; it never joins a room's topic), and it goes
//   through the replication gate like any other: the seeder is admitted, by its key, to the
//   rooms that it keeps and to no other, so it learns nothing of the rest of this node's cores.
import BlindPeering from 'blind-peering'
import Protomux from 'protomux'
import type Hyperswarm from 'hyperswarm'
import type HyperDHT from 'hyperdht'
import type Autobase from 'autobase'
import type Hypercore from 'hypercore'
import type Corestore from 'corestore'
import type { ReplicationGate } from '../network/replication-gate.js'
import { ConnectionHealth } from '../network/health.js'

export interface SeedingOptions {
  dht: HyperDHT
  store: Corestore
  wakeup: unknown
  gate: ReplicationGate
}

/** One room as seeding sees it. */
export interface SeededRoom {
  base: Autobase<unknown>
  /** This member's cores outside the base (its drive's db and blobs cores). */
  cores: () => Promise<Hypercore[]>
}

type Socket = Hyperswarm.Connection & { destroyed: boolean }

/** Events: 'connection' (seeder key) when a seeder connection opens or closes. */
export class Seeding {
  private readonly peering: BlindPeering
  private readonly gate: ReplicationGate
  /** Room key → the seeders keeping it (hex keys). */
  private readonly kept = new Map<string, Set<string>>()
  /** Seeder key → its connections open now. */
  private readonly sockets = new Map<string, Set<Socket>>()
  private readonly listeners = new Set<(seeder: string) => void>()
  private readonly health = new ConnectionHealth()
  private closed = false

  constructor (opts: SeedingOptions) {
    this.gate = opts.gate
    const store = opts.store
    this.peering = new BlindPeering(opts.dht, { replicate: (stream: unknown) => this.replicate(stream as Socket, store) }, { wakeup: opts.wakeup })
  }

  /** Calls `fn` when a seeder connection opens or closes; returns a function that stops it. */
  onChange (fn: (seeder: string) => void): () => void {
    this.listeners.add(fn)
    return () => this.listeners.delete(fn)
  }

  /** Asks each seeder in `seeders` (hex keys) to keep the room; ones already asked are skipped. */
  async keep (roomKey: string, room: SeededRoom, seeders: Iterable<string>): Promise<void> {
    if (this.closed) return
    let kept = this.kept.get(roomKey)
    if (kept === undefined) this.kept.set(roomKey, kept = new Set())
    const fresh = [...seeders].filter(s => !kept.has(s))
    if (fresh.length === 0) return
    for (const seeder of fresh) {
      kept.add(seeder)
      for (const socket of this.sockets.get(seeder) ?? []) this.gate.admit(socket, roomKey)
    }
    const cores = await room.cores()
    if (this.closed) return
    for (const seeder of fresh) {
      const to = { keys: [Buffer.from(seeder, 'hex')], pick: 1 }
      this.peering.addAutobaseBackground(room.base, to)
      for (const core of cores) this.peering.addCoreBackground(core, { ...to, referrer: room.base.wakeupCapability.key })
    }
  }

  /** Stops admitting these seeders to the room (a seeder removed, or the room closed). */
  drop (roomKey: string, seeders?: Iterable<string>): void {
    const kept = this.kept.get(roomKey)
    if (kept === undefined) return
    for (const seeder of seeders ?? [...kept]) {
      kept.delete(seeder)
      for (const socket of this.sockets.get(seeder) ?? []) this.gate.revoke(socket, roomKey)
    }
    if (kept.size === 0) this.kept.delete(roomKey)
  }

  /** How many of these seeders this node is connected to now. */
  connected (seeders: Iterable<string>): number {
    let n = 0
    for (const s of seeders) if ((this.sockets.get(s)?.size ?? 0) > 0) n++
    return n
  }

  async suspend (): Promise<void> { await this.peering.suspend() }
  async resume (): Promise<void> { await this.peering.resume() }

  async close (): Promise<void> {
    this.closed = true
    this.listeners.clear()
    this.health.destroy()
    await this.peering.close()
  }

  // BlindPeering replicates every connection it opens with this: the gate goes on the
  // connection's protomux first, then the store, and the seeder is admitted to its rooms.
  private replicate (socket: Socket, store: Corestore): unknown {
    const seeder = socket.remotePublicKey.toString('hex')
    this.gate.guard(socket, Protomux.from(socket))
    for (const [roomKey, kept] of this.kept) if (kept.has(seeder)) this.gate.admit(socket, roomKey)
    const stream = store.replicate(socket)
    // A dialled connection "opens" with no round trip; one whose other end never came up
    // (half-open, docs/architecture.md §6.3) carries nothing, and blind-peering would wait on
    // it for ever. So it counts once the seeder has sent something, and one that stays silent
    // is dropped (blind-peering then dials again).
    this.health.watch(socket)
    socket.once('data', () => {
      this.health.answered(socket)
      if (socket.destroyed || this.closed) return
      let open = this.sockets.get(seeder)
      if (open === undefined) this.sockets.set(seeder, open = new Set())
      open.add(socket)
      this.changed(seeder)
      socket.once('close', () => {
        open.delete(socket)
        if (open.size === 0 && this.sockets.get(seeder) === open) this.sockets.delete(seeder)
        this.changed(seeder)
      })
    })
    return stream
  }

  private changed (seeder: string): void {
    for (const fn of this.listeners) fn(seeder)
  }
}
