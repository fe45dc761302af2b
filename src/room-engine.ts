// What stands behind a Room (room.ts, the public face): the room's parts, wired together,
// opened, reopened after a storage error and closed. The parts bound to one Autobase come and
// go together (room-base.ts); the reader, peers, files, trust and name stay for the room's
// life. Not exported by the package: the Client, tests and bench reach it as roomInternals.
import type Autobase from 'autobase'
import type Hyperbee from 'hyperbee'
import { identityOfWriter, readDriveOf } from '../views/devices-reads.js'
import { errors, type LinkUpError } from './errors.js'
import { MessageReader } from './message-reader.js'
import { BindingWatch } from './authors.js'
import type { Message } from './message.js'
import { RoomPeers, type RoomStatus } from './room-peers.js'
import { publishProfile } from './room-profile.js'
import { BaseParts, openAutobase, viewSigned, type BaseDeps } from './room-base.js'
import type { RoomContext } from './room-context.js'
import { RoomTrust } from './trust/room-trust.js'
import type { Notice } from './network/peer-channel.js'
import { ViewDownload } from './view-download.js'
import { RoomReach } from './room-reach.js'
import type { RoomInternals } from './room-internals.js'
import { describeError, short, type Logger } from './log.js'
import type { LocalRoom } from './local-state.js'
import { writeRoomRecord } from './room-records.js'
import { RoomRecovery } from './room-recovery.js'
import { RoomName } from './room-name.js'
import { DriveStore } from './files/drive-store.js'
import { filesKey } from './seed/encryption.js'
import { RoomSeeders } from './seed/room-seeders.js'
import { RoomFiles } from './files/room-files.js'
import { RoomAttention } from './attention/room-attention.js'

/** The Room the engine stands behind: where its events go, and whether it is closing. */
export interface RoomHost {
  emit: (event: string, ...args: unknown[]) => boolean
  on: (event: string, listener: (...args: unknown[]) => void) => unknown
  readonly closing: Promise<void> | null
}

/** How long a closing room waits for a read under way before closing the base under it. */
const READ_CLOSE_GRACE_MS = 2000

/** Resolves when `p` settles or after `ms`, whichever is first (the timer never holds the process). */
async function untilOrAfter (p: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | null = null
  const after = new Promise<void>((resolve) => { timer = setTimeout(resolve, ms); timer.unref() })
  await Promise.race([p, after])
  if (timer !== null) clearTimeout(timer)
}

export class RoomEngine implements RoomInternals {
  private readonly host: RoomHost
  readonly ctx: RoomContext
  readonly namespace: string
  // The base and what writes through it are replaced together when the base is reopened
  // after a storage error (room-base.ts); the reader, peers, files and trust stay.
  parts: BaseParts
  readonly reader: MessageReader
  readonly peerState: RoomPeers
  readonly trust: RoomTrust
  readonly files: RoomFiles
  private readonly viewDownload: ViewDownload
  private readonly reach: RoomReach
  readonly recovery: RoomRecovery
  readonly name: RoomName
  readonly seeders: RoomSeeders
  /** Unread and typing (src/attention/room-attention.ts). */
  readonly attention: RoomAttention
  interruption: LinkUpError | null = null
  /** A device newly bound to a person: what was shown under its writer key is theirs now (§16.5). */
  private readonly bindings = new BindingWatch(() => this.base.view)
  /** A profile to publish once this device can write here. */
  private profilePending = false
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
    this.trust = this.openTrust()
    const deps = this.baseDeps()
    const base = openAutobase(deps, opts.key, opts.encryptionKey ?? null)
    const engine = this // the reader reads whichever base is current
    this.reader = new MessageReader({ get view () { return engine.parts.base.view }, get local () { return engine.parts.base.local } }, {
      cleared: () => ctx.local.cleared(this.id),
      firstSeen: {
        at: (writer, seq) => ctx.firstSeen.at(this.id, writer, seq),
        record: (writer, seq, at) => ctx.firstSeen.record(this.id, writer, seq, at)
      }
    })
    this.peerState = this.openPeers()
    this.parts = new BaseParts(base, deps)
    this.reach = new RoomReach(ctx.network, {
      roomKey: () => this.id,
      discoveryKey: () => this.base.discoveryKey,
      isSigner: () => this.base.isIndexer || this.trust.role === 'owner',
      signers: () => this.signers(),
      writerKey: () => this.writerKey,
      access: this.trust.access
    })
    this.files = this.openFiles(opts.namespace)
    this.seeders = this.openSeeders()
    this.viewDownload = new ViewDownload(() => this.base.view.core, (err) => this.warn(err))
    this.recovery = new RoomRecovery({ disk: ctx.disk, reopen: () => (this.reopening = this.reopen()), log: () => this.log, status: () => this.host.emit('status', this.status) })
    this.listen()
    this.listenBase(this.base)
    this.attention = new RoomAttention(host, {
      id: () => this.id, writerKey: () => this.writerKey, identityKey: () => this.trust.me === '' ? this.writerKey : this.trust.me, writable: () => this.writable, view: () => this.base.view,
      cleared: () => ctx.local.cleared(this.id), state: ctx.attention, network: ctx.network, warn: (err) => this.warn(err)
    })
  }

  get base (): Autobase<Hyperbee> { return this.parts.base }
  get writer (): BaseParts['writer'] { return this.parts.writer }
  get membership (): BaseParts['membership'] { return this.parts.membership }
  get roles (): BaseParts['roles'] { return this.parts.roles }
  get signing (): BaseParts['signing'] { return this.parts.signing }
  get id (): string { return this.base.key.toString('hex') }
  get writerKey (): string { return this.base.local.key.toString('hex') }
  get writable (): boolean { return this.base.writable && !this.trust.removed }
  get status (): RoomStatus { return this.peerState.status }
  /** The key the room's cores are encrypted with (null: a room made before encryption). */
  get encryptionKey (): Buffer | null { return this.base.encryptionKey ?? null }

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

  private openTrust (): RoomTrust {
    return new RoomTrust(this.ctx.network, this.ctx.store, {
      roomKey: () => this.id,
      onRole: (role) => {
        this.log.info({ role }, role === null ? 'not a member of the room' : `role in the room: ${role}`)
        this.host.emit('role', role)
      },
      onRemoved: (how: { notice?: Notice }) => {
        this.log.warn({ by: how.notice?.by }, 'removed from the room' + (how.notice === undefined ? '' : ` by ${short(how.notice.by)}`))
        // The notice names the remover's writer; 'removed' names the person, as members() does
        // (docs/architecture.md §16), where this view holds that writer's binding.
        // Read without waiting: peers refuse a removed device, so a block it lacks never comes.
        const by = how.notice?.by
        const local = { get: (key: string) => this.base.view.get(key, { wait: false }) } as unknown as Hyperbee
        const said = by === undefined ? Promise.resolve(null) : identityOfWriter(local, by).catch(() => by)
        said.then((who) => this.host.emit('removed', { by: who }), (err: unknown) => this.warn(err))
      }
    })
  }

  private listenBase (base: Autobase<Hyperbee>): void {
    base.on('update', () => {
      this.reader.update()
        .then(() => this.trust.updated(this.reader.clock))
        .then(() => this.peerState.updated(), (err) => this.warn(err))
      if (!this.name.named) this.followName().catch((err: unknown) => this.warn(err))
      if (this.profilePending && base.writable) this.publishProfile().catch((err: unknown) => this.warn(err))
      // Who is in, their roles or the invites changed (meta/trust moved): 'access' says reread them.
      this.parts.invites.updated().catch((err: unknown) => this.warn(err))
      this.seeders.updated().catch((err: unknown) => this.warn(err))
      this.reach.check() // the signers may have changed
    })
    base.on('interrupt', (reason: { version?: number } | undefined) => {
      this.interruption = errors.needsUpdate(reason?.version ?? 0)
      this.log.warn({ version: reason?.version }, `stopped: ${this.interruption.message}`)
      this.host.emit('interrupted', this.interruption)
    })
    // Autobase closes itself on an error it cannot go on from (a write the disk refused):
    // the room keeps its reader and peers and reopens the base when it can (room-recovery.ts).
    base.on('error', (err: unknown) => {
      this.recovery.failed(err)
      this.warn(err)
    })
    base.on('close', () => {
      if (this.host.closing === null && base === this.base) this.recovery.stalled()
    })
    base.on('fast-forward', () => {
      this.reader.adoptHistory() // a joiner's history is not news (message-reader.ts)
      this.viewDownload.want()
    })
  }

  private listen (): void {
    this.host.on('warning', (err: unknown) => this.log.warn({ err }, `warning: ${describeError(err)}`))
    this.reader.on('message', (m: Message) => {
      if (m.type !== 'text') this.files.prepare(m).catch(() => {}) // the read reports failures
      this.host.emit('message', m)
    })
    this.reader.on('update', (m: Message) => {
      this.host.emit('update', m)
      this.parts.edits.deletedByOthers(m).catch((err) => this.warn(err))
    })
    this.reader.on('reset', () => this.host.emit('reset'))
    this.reader.on('profile', () => {
      this.trust.profilesChanged(this.ctx.store).catch((err) => this.warn(err))
      this.bindings.changed().then((changed) => { if (changed) this.host.emit('reset') }, (err: unknown) => this.warn(err))
      this.host.emit('profile')
    })
    this.reader.on('skipped', (n: number, total: number) => {
      this.log.warn({ skipped: n, total }, `skipped ${n} ${n === 1 ? 'block' : 'blocks'} that ${n === 1 ? 'is' : 'are'} not a valid event from a member (${total} in this room)`)
    })
  }

  private openPeers (): RoomPeers {
    return new RoomPeers(this.ctx.network, {
      roomKey: () => this.id,
      writerKey: () => this.writerKey,
      clock: () => this.reader.clock,
      // Our own core is always known, also before this device is a writer (a join).
      writerLength: (writer) => writer === this.writerKey
        ? this.base.local.length
        : this.base.activeWriters.get(Buffer.from(writer, 'hex'))?.core.length ?? null,
      // The view, not the base: with several signers the last acks of the system stay
      // unsigned until someone writes again, while every value in the view is signed.
      signed: () => viewSigned(this.base),
      seeding: () => this.seeders.status,
      onStatus: (status) => this.host.emit('status', status),
      onSeen: (seq) => {
        this.reader.seen = seq
        this.host.emit('seen', seq)
      },
      log: () => this.log
    })
  }

  // This user's drive in the room, on its own namespace: never the root store, since closing a
  // drive closes the store it was given.
  private openFiles (namespace: string): RoomFiles {
    const files = new RoomFiles({
      append: (event) => this.parts.writer.append(event),
      assertWritable: () => this.parts.writer.assertWritable(),
      posted: (seq) => this.parts.conversation.posted(seq),
      authorDrive: (writer) => readDriveOf(this.base.view, writer),
      publishDrive: () => this.publishProfile(),
      progress: (p) => this.host.emit('download-progress', p)
    }, new DriveStore({
      ownStore: this.trust.track(this.ctx.store.namespace(namespace + ':files')),
      peerStore: () => this.trust.track(this.ctx.store.session()),
      room: async (bytes) => { await this.ctx.disk.sample(); this.ctx.disk.assertRoom(bytes) },
      encryptionKey: () => this.encryptionKey === null ? null : filesKey(this.encryptionKey)
    }))
    if (this.ctx.maxFileBytes !== undefined) files.maxBytes = this.ctx.maxFileBytes
    return files
  }

  private openSeeders (): RoomSeeders {
    return new RoomSeeders(this.ctx.seeding, this.ctx.seeders, {
      roomKey: () => this.id,
      base: () => this.base,
      driveCores: () => this.files.store.cores(),
      encrypted: () => this.encryptionKey !== null,
      append: (event) => this.parts.writer.append(event),
      changed: () => this.peerState.refresh(),
      warn: (err) => this.warn(err)
    })
  }

  async open (): Promise<void> {
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
  }

  /** A page of the room was read: the rest of a sparse view may download now (§2.1). */
  pageShown (): void {
    this.viewDownload.pageShown()
  }

  /** The room's signers (its indexers; the owner until the first block names them). */
  private signers (): Set<string> {
    const indexers = this.base.system?.indexers ?? []
    return new Set(indexers.length > 0 ? indexers.map((i) => i.key.toString('hex')) : [this.id])
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
    this.parts = new BaseParts(base, deps)
    this.trust.attach(base)
    this.parts.signing.start()
    this.listenBase(base)
    await this.reader.reattach()
    this.viewDownload.want()
  }

  async close (): Promise<void> {
    this.reach.stop()
    this.recovery.stop()
    this.parts.signing.stop()
    await this.reopening?.catch(() => {}) // it closes the base it opened when it sees the room closing
    this.peerState.unlisten()
    this.seeders.stop()
    this.viewDownload.stop()
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
