// What stands behind a Room (room.ts, the public face): the room's parts, wired together,
// opened, reopened after a storage error and closed. The parts bound to one Autobase come and
// go together (room-base.ts); the reader, peers, files, trust and name stay for the room's
// life. Not exported by the package: the Client, tests and bench reach it as roomInternals.
import type Autobase from 'autobase'
import type Hyperbee from 'hyperbee'
import { errors, type LinkUpError } from './errors.js'
import type { MessageReader } from './message-reader.js'
import { opening, type RoomPeers, type RoomStatus } from './room-peers.js'
import { BindingWatch } from './authors.js'
import { publishProfile } from './room-profile.js'
import { BaseParts, openAutobase, type BaseDeps } from './room-base.js'
import type { RoomContext } from './room-context.js'
import type { RoomTrust } from './trust/room-trust.js'
import { ViewDownload } from './view-download.js'
import { HintedFetch } from './view-hint.js'
import type { RoomReach } from './room-reach.js'
import type { RoomInternals } from './room-internals.js'
import { short, type Logger } from './log.js'
import type { LocalRoom } from './local-state.js'
import { writeRoomRecord } from './room-records.js'
import { RoomRecovery } from './room-recovery.js'
import { RoomName } from './room-name.js'
import type { RoomSeeders } from './seed/room-seeders.js'
import type { RoomFiles } from './files/room-files.js'
import type { RoomAttention } from './attention/room-attention.js'
import { openTrust, openReader, openPeers, openReach, openFiles, openSeeders, openAttention } from './room-parts.js'
import { listen, listenBase } from './room-events.js'
import { untilOrAfter } from './until-or-after.js'

/** The Room the engine stands behind: where its events go, and whether it is closing. */
export interface RoomHost {
  emit: (event: string, ...args: unknown[]) => boolean
  on: (event: string, listener: (...args: unknown[]) => void) => unknown
  readonly closing: Promise<void> | null
  /** Its open has ended (ReadyResource). */
  readonly opened: boolean
}

/** How long a closing room waits for a read under way before closing the base under it. */
const READ_CLOSE_GRACE_MS = 2000

export class RoomEngine implements RoomInternals {
  readonly host: RoomHost
  readonly ctx: RoomContext
  readonly namespace: string
  // The base and what writes through it are made when the room opens (not before: an Autobase
  // starts opening as it is made, and rooms open a few at a time, room-opener.ts), and replaced
  // together when the base is reopened after a storage error (room-base.ts); the reader,
  // peers, files and trust stay.
  #parts: BaseParts | null = null
  /** The room's key as known before it opens (null: a new room, whose base makes one). */
  readonly #key: Buffer | null
  readonly #encryptionKey: Buffer | null
  readonly reader: MessageReader
  readonly peerState: RoomPeers
  readonly trust: RoomTrust
  readonly files: RoomFiles
  readonly viewDownload: ViewDownload
  /** The view blocks a join will read, as the peer that admitted us named them (view-hint.ts). */
  readonly hints: HintedFetch
  readonly reach: RoomReach
  readonly recovery: RoomRecovery
  readonly name: RoomName
  readonly seeders: RoomSeeders
  /** Unread and typing (src/attention/room-attention.ts). */
  readonly attention: RoomAttention
  interruption: LinkUpError | null = null
  /** A device newly bound to a person: what was shown under its writer key is theirs now (§16.5). */
  readonly bindings = new BindingWatch(() => this.base.view)
  /** A profile to publish once this device can write here. */
  profilePending = false
  /** A new base being opened after a storage error (room-recovery.ts). */
  private reopening: Promise<void> | null = null
  private log: Logger

  constructor (host: RoomHost, ctx: RoomContext, opts: { key: Buffer | null, namespace: string, alias: string, named?: boolean, encryptionKey?: Buffer | null }) {
    this.host = host
    this.ctx = ctx
    this.namespace = opts.namespace
    this.name = new RoomName(opts.alias, opts.named ?? true, {
      save: () => this.save(),
      renamed: (alias) => {
        this.nameLog()
        this.host.emit('renamed', alias)
      }
    })
    this.log = ctx.logger
    this.trust = openTrust(this)
    this.#key = opts.key
    this.#encryptionKey = opts.encryptionKey ?? null
    this.reader = openReader(this)
    this.peerState = openPeers(this)
    this.reach = openReach(this)
    this.files = openFiles(this, opts.namespace)
    this.seeders = openSeeders(this)
    this.viewDownload = new ViewDownload(() => this.base.view.core, (err) => this.warn(err))
    this.hints = new HintedFetch(() => this.base.view.core, (err) => this.warn(err))
    this.recovery = new RoomRecovery({ disk: ctx.disk, reopen: () => (this.reopening = this.reopen()), log: () => this.log, status: () => this.host.emit('status', this.status) })
    listen(this)
    this.attention = openAttention(this)
  }

  get parts (): BaseParts {
    if (this.#parts === null) throw errors.opening()
    return this.#parts
  }

  get base (): Autobase<Hyperbee> { return this.parts.base }
  get writer (): BaseParts['writer'] { return this.parts.writer }
  get membership (): BaseParts['membership'] { return this.parts.membership }
  get roles (): BaseParts['roles'] { return this.parts.roles }
  get signing (): BaseParts['signing'] { return this.parts.signing }
  /** The room's logger, naming it (a child of the client's). */
  get logger (): Logger { return this.log }
  get id (): string {
    const key = this.#parts?.base.key ?? this.#key
    if (key === null) throw errors.opening()
    return key.toString('hex')
  }

  /** '' until the base has opened its local core. */
  get writerKey (): string { return this.#parts?.base.local?.key.toString('hex') ?? '' }
  get writable (): boolean { return this.#parts !== null && this.base.writable && !this.trust.removed }
  get status (): RoomStatus { return this.host.opened ? this.peerState.status : opening(this.ctx.network.connecting) }
  /** The key the room's cores are encrypted with (null: a room made before encryption, or not open yet). */
  get encryptionKey (): Buffer | null { return this.#parts?.base.encryptionKey ?? null }

  /** Marks the room as left in its storage record, so a rebuilt room list leaves it out. */
  forget (): Promise<void> { return writeRoomRecord(this.base.local, { left: true }) }

  /** What the base's parts need; reader and peers are added once they exist (constructor). */
  private baseDeps (): BaseDeps {
    const engine = this
    return {
      ctx: this.ctx,
      namespace: this.namespace,
      trust: this.trust,
      get reader () { return engine.reader },
      get peers () { return engine.peerState },
      roomKey: () => this.id,
      assertOpen: () => this.assertOpen(),
      explain: (err) => this.recovery.explain(err),
      warn: (err) => this.warn(err),
      onAccess: () => this.host.emit('access'),
      files: () => this.files
    }
  }

  async open (): Promise<void> {
    const deps = this.baseDeps()
    const base = openAutobase(deps, this.#key, this.#encryptionKey)
    this.#parts = new BaseParts(base, deps)
    listenBase(this, base)
    try {
      await this.base.ready()
      this.trust.attach(this.base)
      this.nameLog()
      await this.files.ready()
      await this.base.update() // applies what is stored locally, so writable is known
      await this.reader.ready()
      await this.bindings.changed()
      await this.trust.updated(this.reader.clock) // this device's role and admins, before any peer is judged
      await this.attention.open()
      await this.followName()
    } catch (err) {
      await this.close() // ReadyResource closes only what opened
      throw err
    }
    this.peerState.listen()
    this.attention.listen()
    this.reach.start()
    this.viewDownload.want()
    this.parts.signing.start()
    this.seeders.start()
    this.seeders.updated().catch((err: unknown) => this.warn(err))
    // The members' drives are the room's cores too: found in the background, not on the way in.
    this.trust.profilesChanged(this.ctx.store).catch((err) => this.warn(err))
    this.log.debug({ writable: this.writable }, 'opened')
    this.host.emit('status', this.status) // no longer opening
  }

  afterFirstPage (): Promise<void> {
    return this.viewDownload.afterFirstPage()
  }

  async handOver (): Promise<void> {
    if (this.#parts === null || this.host.closing !== null || this.seeders.status.seeders === 0) return
    await this.parts.writer.drained().catch(() => {}) // what was sent is on the writer core first
    // The owner would sign its deferred tail as the base closes, after the seeders' connections
    // closed: the seeder then had the signature but not the view it signs (seeder-life.test.ts).
    await this.base.signPending().catch(() => {})
    await this.seeders.handOver()
  }

  /** A page of the room was read: the rest of a sparse view may download now (§2.1). */
  pageShown (): void {
    this.viewDownload.pageShown()
  }

  /** Log lines name the room by its alias and the start of its key. */
  private nameLog (): void {
    this.log = this.ctx.logger.child({ room: short(this.id), alias: this.name.alias })
  }

  /**
   * A new base on the same namespace, after the last one closed on a storage error: what was
   * stored is all there (a send the disk refused was never acknowledged, though its block may
   * have reached the writer core before the view write failed: it is applied now). The reader
   * carries on from the clock it had emitted up to, so nothing is announced twice or missed.
   */
  private async reopen (): Promise<void> {
    if (this.host.closing !== null) return
    const deps = this.baseDeps()
    const base = openAutobase(deps, Buffer.from(this.id, 'hex'))
    // Autobase crashes the process on an error nobody listens to (crashSoon): a new base that
    // meets the full disk again while opening must not take the node down.
    base.on('error', (err: unknown) => this.recovery.failed(err))
    try {
      await base.ready()
      await base.update()
    } catch (err) {
      await base.close().catch(() => {})
      throw err
    }
    if (this.host.closing !== null) return void await base.close()
    this.parts.signing.stop()
    this.#parts = new BaseParts(base, deps)
    this.trust.attach(base)
    this.parts.signing.start()
    listenBase(this, base)
    await this.reader.reattach()
    this.viewDownload.want()
  }

  async close (): Promise<void> {
    this.reach.stop()
    this.recovery.stop()
    if (this.#parts === null) { // closed before its turn to open: only what the constructor opened
      await this.files.close()
      await this.trust.cores.close()
      return
    }
    this.parts.signing.stop()
    await this.reopening?.catch(() => {}) // it closes the base it opened when it sees the room closing
    this.peerState.unlisten()
    this.seeders.stop()
    this.viewDownload.stop()
    this.hints.stop()
    await this.parts.writer.drained().catch(() => {})
    // The reader and the unread counter stop after the pass under way. Normally it ends at once,
    // and it must end before the base closes: a read on a closing view fails inside Hypercore's
    // own session opening, where no caller catches it (an uncaught TypeError, seen in 3 files of
    // a full suite). After a fast-forward, though, a pass may wait on a view block nobody will
    // send now (the network closed first): it ends only when the base closes the view under it.
    // So the passes get READ_CLOSE_GRACE_MS to end by themselves, then the base closes.
    const reading = Promise.all([this.reader.close(), this.attention.close()]).catch(() => {})
    await untilOrAfter(reading, READ_CLOSE_GRACE_MS)
    await this.base.close()
    await reading
    await this.files.close()
    await this.trust.cores.close()
  }

  followName (): Promise<boolean> {
    return this.base.closed ? Promise.resolve(false) : this.name.follow(this.base.view)
  }

  /** The room's entry in the room list (local-state.json), and its copy in storage (room-records.ts). */
  async save (): Promise<void> {
    const entry: LocalRoom = { namespace: this.namespace, alias: this.name.alias, named: this.name.named }
    await this.ctx.local.addRoom(this.id, entry)
    await writeRoomRecord(this.base.local, entry)
  }

  // A device that cannot write here yet (admitted by a peer before its own copy applied the
  // join, or writability dropped for a moment by a reorder) publishes at the first update that
  // finds it writable, instead of staying nameless until the next start (issue 13).
  publishProfile (): Promise<void> {
    this.profilePending = !this.base.writable
    if (this.profilePending) return Promise.resolve()
    return publishProfile(this.ctx.profile(), {
      view: this.base.view,
      writer: this.parts.writer,
      writerKey: this.writerKey,
      identity: this.trust.me === '' ? this.writerKey : this.trust.me,
      writable: this.base.writable,
      driveKey: this.files.driveKey
    })
  }

  /** For writes: open, not stopped by a newer build, and room left on the disk. */
  assertOpen (): void {
    if (this.interruption !== null) throw this.interruption
    this.assertReadable()
    if (this.base.closed) throw errors.closed()
    this.ctx.disk.assertRoom()
  }

  /** For reads: open, and not waiting to reopen after a storage error. */
  assertReadable (): void {
    if (this.host.closing !== null) throw errors.closed()
    const stalled = this.recovery.reason()
    if (stalled !== null) throw stalled
  }

  warn (err: unknown): void {
    if (this.host.closing !== null) return
    this.host.emit('warning', err)
  }
}
