// Which cores are the room's (docs/architecture.md §6.7): what the replication gate may open
// for connections admitted to this room, and only for them.
//
// - Every core the room's own stores open: the Autobase's (its writers, system and view
//   cores), this user's drive and the peers' drives it reads. Each store given to them is
//   tracked: its `get` records the core, by key at once when the key is known (so a core is
//   owned before Hypercore can offer it) and by its discovery key once it is open.
// - Cores of the room that are only in storage, not open in this run: every writer that ever
//   wrote (the view's clock) and every member's drive and its blobs (the view's profiles).
//   A peer may ask for them (a new member that does not fast-forward reads every writer), and
//   only a peer admitted to this room gets them.
// - Every core the room opened is held open by one session of its own until the room closes.
//   Corestore collects a core that had no session and no peer for a moment, eight seconds later,
//   even if Autobase has opened sessions on it since through another session (only a `get`
//   cancels it); a session opened as it closes throws SESSION_CLOSED inside apply, which closes
//   the base. Replication peers used to keep every core busy; a gated core may have none.
import b4a from 'b4a'
import crypto from 'hypercore-crypto'
import Hyperdrive from 'hyperdrive'
import Hypercore from 'hypercore'
import type Corestore from 'corestore'

export interface CoreSink {
  /** A core of the room; with the session when it has just opened. */
  own (discoveryKey: Buffer, session?: Hypercore): void
}

type GetOptions = Parameters<Corestore['get']>[0]

export class RoomCores {
  private readonly known = new Set<string>()
  private readonly live = new Map<string, Set<Hypercore>>()
  private readonly drives = new Set<string>()
  private readonly holds = new Map<string, Hypercore>()
  private readonly root: Corestore
  private closed = false
  private sink: CoreSink | null = null
  private readonly pending: Array<{ dk: Buffer, session?: Hypercore }> = []

  /** `root`: the client's Corestore, on which the room's cores are held open. */
  constructor (root: Corestore) {
    this.root = root
  }

  /** Where ownership goes (the network's gate); what was found before is passed on now. */
  connect (sink: CoreSink): void {
    this.sink = sink
    for (const { dk, session } of this.pending.splice(0)) sink.own(dk, session)
  }

  /** Returns the store with its `get` recording every core opened through it. */
  track (store: Corestore): Corestore {
    const get = store.get.bind(store)
    store.get = (opts: GetOptions) => {
      const session = get(opts)
      const key = keyOf(opts)
      if (key !== null) this.add(crypto.discoveryKey(key))
      session.ready().then(() => this.opened(session), () => {
        if (session.discoveryKey !== null) this.add(session.discoveryKey) // closed while opening
      })
      return session
    }
    return store
  }

  /** The sessions open now, one per core: what an admitted connection is offered. */
  * sessions (): Iterable<Hypercore> {
    for (const sessions of this.live.values()) {
      for (const session of sessions) {
        if (!session.closed) {
          yield session
          break
        }
      }
    }
  }

  /** A writer key of the room (from the view's clock): its core is the room's. */
  addWriter (key: string): void {
    this.add(crypto.discoveryKey(Buffer.from(key, 'hex')))
  }

  /**
   * A member's drive (from its profile): the drive's core, and its blobs core once the drive's
   * manifest is in storage (the blobs key derives from it).
   */
  async addDrive (key: string, store: Corestore): Promise<void> {
    const driveKey = Buffer.from(key, 'hex')
    const dk = crypto.discoveryKey(driveKey)
    this.add(dk)
    if (this.drives.has(key)) return
    const auth = await store.getAuth(dk).catch(() => null)
    if (auth?.manifest === undefined || auth.manifest === null) return
    const blobs = Hyperdrive.getContentKey(auth.manifest, driveKey)
    if (blobs !== null) this.add(crypto.discoveryKey(blobs))
    this.drives.add(key)
  }

  /** Lets go of the cores held open (after the room's base and drives closed, before the store). */
  async close (): Promise<void> {
    this.closed = true
    const holds = [...this.holds.values()]
    this.holds.clear()
    await Promise.allSettled(holds.map(h => h.close()))
  }

  private opened (session: Hypercore): void {
    this.hold(session.key)
    if (session.closed) { // Autobase opens many short sessions: the core is the room's all the same
      this.add(session.discoveryKey)
      return
    }
    const dk = session.discoveryKey.toString('hex')
    let sessions = this.live.get(dk)
    if (sessions === undefined) this.live.set(dk, sessions = new Set())
    sessions.add(session)
    session.once('close', () => {
      sessions.delete(session)
      if (sessions.size === 0 && this.live.get(dk) === sessions) this.live.delete(dk)
    })
    this.known.add(dk)
    this.pass(session.discoveryKey, session)
  }

  private hold (key: Buffer): void {
    const dk = crypto.discoveryKey(key).toString('hex')
    if (this.closed || this.holds.has(dk)) return
    try {
      const hold = this.root.get({ key, active: false })
      hold.ready().catch(() => {})
      this.holds.set(dk, hold)
    } catch {} // the store is closing
  }

  private add (dk: Buffer): void {
    const hex = dk.toString('hex')
    if (this.known.has(hex)) return
    this.known.add(hex)
    this.pass(dk)
  }

  private pass (dk: Buffer, session?: Hypercore): void {
    if (this.sink === null) this.pending.push(session === undefined ? { dk } : { dk, session })
    else this.sink.own(dk, session)
  }
}

// The core's key when the caller gives it, or a manifest it derives from (Autobase opens its
// new system and view cores by manifest when the indexers change): known before the core opens.
function keyOf (opts: GetOptions): Buffer | null {
  if (b4a.isBuffer(opts)) return (opts as Buffer).byteLength === 32 ? opts as Buffer : null
  const { key, manifest } = opts as { key?: unknown, manifest?: unknown }
  if (b4a.isBuffer(key) && (key as Buffer).byteLength === 32) return key as Buffer
  if (manifest === undefined || manifest === null) return null
  try {
    return Hypercore.key(manifest as Parameters<typeof Hypercore.key>[0])
  } catch {
    return null
  }
}
