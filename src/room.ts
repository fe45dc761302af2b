// A room: one Autobase (its own Corestore namespace) whose view is the room's Hyperbee.
// Writes go to the log as events (room-writer.ts); everything read comes from the view.
// Room is the public face, one line per call; each concern is a module behind it: what is
// said (room-conversation.ts, room-edits.ts, room-reactions.ts), who is in (room-membership.ts), profile publishing
// (room-profile.ts), peers and sync (room-peers.ts), the message feed (message-reader.ts),
// files (files/room-files.ts), roles (room-roles.ts), trust and admission (trust/room-trust.ts),
// signing with some signers away (room-signing.ts). A new concern is a new module and a few
// lines here.
import ReadyResource from 'ready-resource'
import Autobase from 'autobase'
import type Hyperbee from 'hyperbee'
import type Corestore from 'corestore'
import type { Readable } from 'stream'
import { open, apply } from '../views/apply.js'
import { isName, LIMITS, type Role } from '../views/schema.js'
import { wellFormed } from '../views/limits.js'
import type { RoomRecord } from '../views/records.js'
import { readRoom } from '../views/members-reads.js'
import { readAvatar, readUser } from '../views/profiles-reads.js'
import { readIndexers } from '../views/trust-reads.js'
import { errors, type LinkUpError } from './errors.js'
import { MessageReader } from './message-reader.js'
import type { Message } from './message.js'
import type { Network } from './network/swarm.js'
import { RoomPeers, type RoomStatus } from './room-peers.js'
import { RoomWriter } from './room-writer.js'
import { Membership, type Member } from './room-membership.js'
import { Conversation, type SendOptions } from './room-conversation.js'
import { Edits } from './room-edits.js'
import { Reactions } from './room-reactions.js'
import { publishProfile } from './room-profile.js'
import { Roles } from './room-roles.js'
import { SigningNudge } from './room-signing.js'
import { RoomTrust } from './trust/room-trust.js'
import type { Notice } from './network/peer-channel.js'
import { ViewDownload } from './view-download.js'
import { setRoomInternals } from './room-internals.js'
import { describeError, short, type Logger } from './log.js'
import type { LocalState, LocalProfile, LocalRoom } from './local-state.js'
import type { FirstSeen } from './first-seen.js'
import { writeRoomRecord } from './room-records.js'
import type { DiskSpace } from './disk-space.js'
import { RoomRecovery } from './room-recovery.js'
import { RoomName } from './room-name.js'
import { DriveStore } from './files/drive-store.js'
import type { AttentionState } from './attention/attention-state.js'
import { RoomAttention, type Unread, type Typist } from './attention/room-attention.js'
import { RoomFiles, type FileSource, type ReadOptions, type StreamOptions, type FileInfo } from './files/room-files.js'

const ACK_INTERVAL_MS = 1000
// The owner (sole indexer) signs at most once a second instead of in every block it appends:
// a checkpoint per message was ~40 % of its cost. `signed` in the status comes true within
// about this long after the last message (patches/autobase+7.28.1.patch, docs/autobase.md).
const SIGN_INTERVAL_MS = 1000

export type { RoomStatus } from './room-peers.js'
export type { Member } from './room-membership.js'
export type { SendOptions } from './room-conversation.js'
export type { Unread, Typist } from './attention/room-attention.js'

/** What a Room needs from its Client. */
export interface RoomContext {
  store: Corestore
  network: Network
  local: LocalState
  /** Read markers and notification settings (src/attention/attention-state.ts). */
  attention: AttentionState
  /** When this device first saw messages whose sender's clock was far off. */
  firstSeen: FirstSeen
  profile: () => LocalProfile | null
  /** Client.leaveRoom. */
  leave: (id: string, opts?: { anyway?: boolean }) => Promise<void>
  /** The largest file sendFile / sendAudio accept (ClientOptions.maxFileBytes). */
  maxFileBytes?: number
  /** The Client's logger; the room logs through a child naming it. */
  logger: Logger
  /** Free space where the storage is: writes are refused below its reserve (DISK_FULL). */
  disk: DiskSpace
}

/** The name a joined room has on this device until its own name is known. */
export const DEFAULT_ALIAS = 'room'

/**
 * Events: 'message' (Message) for each message entering the view; 'update' (Message) when one
 * already in the view is edited, deleted or reacted to; 'reset' when history was
 * reordered (reread what you show); 'status' (RoomStatus); 'seen' (seq) when a peer received
 * our messages up to seq; 'profile' when a user changed; 'cleared'; 'interrupted'
 * (LinkUpError) when a newer build's events stopped the room; 'renamed' (alias) when a joined
 * room takes its own name; 'unread' (Unread) when what this user has not read changed;
 * 'typing' (Typist[]) when who is typing here changed; 'download-progress' ({ id, bytes, total }) while a file message's
 * bytes are read; 'role' (Role | null) when this device's role changed; 'removed' ({ by }) once,
 * when this device was removed from the room (its view says so, or a peer showed the remover's
 * signed notice); 'warning' (Error).
 */
export class Room extends ReadyResource {
  readonly #ctx: RoomContext
  readonly #namespace: string
  // The base and what writes through it are replaced when the base is reopened after a
  // storage error (room-recovery.ts); the reader, peers and files stay.
  #base: Autobase<Hyperbee>
  #writer: RoomWriter
  readonly #reader: MessageReader
  readonly #peerState: RoomPeers
  #membership: Membership
  #roles: Roles
  #signing: SigningNudge
  readonly #trust: RoomTrust
  // These read the current writer through `parts` (below), so a reopen keeps them.
  readonly #conversation: Conversation
  readonly #edits: Edits
  readonly #reactions: Reactions
  readonly #files: RoomFiles
  readonly #viewDownload: ViewDownload
  readonly #attention: RoomAttention
  readonly #recovery: RoomRecovery
  readonly #name: RoomName
  #interruption: LinkUpError | null = null
  /** A profile to publish once this device can write here. */
  #profilePending = false
  /** A new base being opened after a storage error (room-recovery.ts). */
  #reopening: Promise<void> | null = null
  #log: Logger

  constructor (ctx: RoomContext, opts: { key: Buffer | null, namespace: string, alias: string, named?: boolean }) {
    super()
    this.#ctx = ctx
    this.#namespace = opts.namespace
    this.#name = new RoomName(opts.alias, opts.named ?? true, {
      save: () => this.#save(),
      renamed: (alias) => {
        this.#nameLog()
        this.emit('renamed', alias)
      }
    })
    this.#log = ctx.logger
    this.#trust = this.#openTrust()
    this.#base = this.#openBase(opts.key)
    const room = this // the reader reads whichever base is current
    this.#reader = new MessageReader({ get view () { return room.#base.view }, get local () { return room.#base.local } }, {
      cleared: () => ctx.local.cleared(this.id),
      firstSeen: {
        at: (writer, seq) => ctx.firstSeen.at(this.id, writer, seq),
        record: (writer, seq, at) => ctx.firstSeen.record(this.id, writer, seq, at)
      }
    })
    this.#peerState = this.#openPeers()
    this.#writer = this.#openWriter()
    this.#membership = this.#openMembership()
    const parts = { reader: this.#reader, writer: () => this.#writer, view: () => this.#base.view, writerKey: () => this.writerKey }
    this.#conversation = new Conversation(parts)
    this.#reactions = new Reactions(parts)
    this.#roles = this.#openRoles()
    this.#signing = this.#openSigning()
    this.#files = this.#openFiles(opts.namespace)
    this.#edits = new Edits({ ...parts, local: () => this.#base.local, files: this.#files })
    this.#viewDownload = new ViewDownload(() => this.#base.view.core, (err) => this.#warn(err))
    this.#recovery = new RoomRecovery({ disk: ctx.disk, reopen: () => (this.#reopening = this.#reopen()), log: () => this.#log, status: () => this.emit('status', this.status) })
    this.#listen()
    this.#listenBase(this.#base)
    this.#attention = new RoomAttention(this, {
      id: () => this.id, writerKey: () => this.writerKey, writable: () => this.#base.writable, view: () => this.#base.view,
      cleared: () => ctx.local.cleared(this.id), state: ctx.attention, network: ctx.network, warn: (err) => this.#warn(err)
    })
    setRoomInternals(this, {
      get base () { return room.#base },
      namespace: opts.namespace,
      get writer () { return room.#writer },
      get membership () { return room.#membership },
      get roles () { return room.#roles },
      get signing () { return room.#signing },
      trust: this.#trust,
      files: this.#files,
      publishProfile: () => this.#publishProfile(),
      save: () => this.#save(),
      followName: () => this.#followName(),
      forget: () => writeRoomRecord(this.#base.local, { left: true })
    })
  }

  #openBase (key: Buffer | null): Autobase<Hyperbee> {
    return new Autobase<Hyperbee>(this.#trust.track(this.#ctx.store.namespace(this.#namespace)), key, {
      open,
      // A removal just applied closes the removed writer's connections before Autobase can
      // append anything after it (docs/architecture.md §6.7); the projection stays pure.
      apply: async (nodes, view, host) => {
        await apply(nodes, view, host)
        this.#trust.applied(nodes)
      },
      optimistic: true,
      ackInterval: ACK_INTERVAL_MS,
      signInterval: SIGN_INTERVAL_MS,
      valueEncoding: 'binary',
      wakeup: this.#ctx.network.wakeup
    })
  }

  #openWriter (): RoomWriter {
    return new RoomWriter(this.#base, {
      assertOpen: () => this.#assertOpen(),
      // A removal may be known from a peer's signed notice before (or without) the block itself:
      // peers stop serving the room to a removed device at once (docs/architecture.md §6.7).
      banned: async () => this.#trust.removed || await this.#membership.banned(),
      removed: () => this.#trust.removed,
      explain: (err) => this.#recovery.explain(err)
    })
  }

  #openMembership (): Membership {
    return new Membership(this.#base, this.#writer, this.#peerState, {
      device: () => this.#ctx.network.keyPair,
      access: this.#trust.access,
      reprove: () => this.#ctx.network.reprove(this.id),
      allJudged: () => this.#ctx.network.sharing(this.id).every(peer => peer.verdicts.has(this.id))
    })
  }

  #openRoles (): Roles {
    return new Roles(this.#base, this.#writer, { refresh: () => this.#trust.updated(this.#reader.clock) })
  }

  #openSigning (): SigningNudge {
    const base = this.#base
    return new SigningNudge(base, {
      indexers: () => readIndexers(base.view),
      online: () => this.#peerState.onlineWriters(),
      onError: (err) => this.#warn(err)
    })
  }

  #openTrust (): RoomTrust {
    return new RoomTrust(this.#ctx.network, this.#ctx.store, {
      roomKey: () => this.id,
      onRole: (role) => {
        this.#log.info({ role }, role === null ? 'not a member of the room' : `role in the room: ${role}`)
        this.emit('role', role)
      },
      onRemoved: (how: { notice?: Notice }) => {
        this.#log.warn({ by: how.notice?.by }, 'removed from the room' + (how.notice === undefined ? '' : ` by ${short(how.notice.by)}`))
        this.emit('removed', { by: how.notice?.by ?? null })
      }
    })
  }

  #listenBase (base: Autobase<Hyperbee>): void {
    base.on('update', () => {
      this.#reader.update()
        .then(() => this.#trust.updated(this.#reader.clock))
        .then(() => this.#peerState.updated(), (err) => this.#warn(err))
      if (!this.#name.named) this.#followName().catch((err: unknown) => this.#warn(err))
      if (this.#profilePending && base.writable) this.#publishProfile().catch((err: unknown) => this.#warn(err))
    })
    base.on('interrupt', (reason: { version?: number } | undefined) => {
      this.#interruption = errors.needsUpdate(reason?.version ?? 0)
      this.#log.warn({ version: reason?.version }, `stopped: ${this.#interruption.message}`)
      this.emit('interrupted', this.#interruption)
    })
    // Autobase closes itself on an error it cannot go on from (a write the disk refused):
    // the room keeps its reader and peers and reopens the base when it can (room-recovery.ts).
    base.on('error', (err: unknown) => {
      this.#recovery.failed(err)
      this.#warn(err)
    })
    base.on('close', () => {
      if (this.closing === null && base === this.#base) this.#recovery.stalled()
    })
    base.on('fast-forward', () => this.#viewDownload.start())
  }

  #listen (): void {
    this.on('warning', (err: unknown) => this.#log.warn({ err }, `warning: ${describeError(err)}`))
    this.#reader.on('message', (m: Message) => this.emit('message', m))
    this.#reader.on('update', (m: Message) => {
      this.emit('update', m)
      this.#edits.deletedByOthers(m).catch((err) => this.#warn(err))
    })
    this.#reader.on('reset', () => this.emit('reset'))
    this.#reader.on('profile', () => {
      this.#trust.profilesChanged(this.#ctx.store).catch((err) => this.#warn(err))
      this.emit('profile')
    })
    this.#reader.on('skipped', (n: number, total: number) => {
      this.#log.warn({ skipped: n, total }, `skipped ${n} ${n === 1 ? 'block' : 'blocks'} that ${n === 1 ? 'is' : 'are'} not a valid event from a member (${total} in this room)`)
    })
  }

  #openPeers (): RoomPeers {
    return new RoomPeers(this.#ctx.network, {
      roomKey: () => this.id,
      writerKey: () => this.writerKey,
      clock: () => this.#reader.clock,
      // Our own core is always known, also before this device is a writer (a join).
      writerLength: (writer) => writer === this.writerKey
        ? this.#base.local.length
        : this.#base.activeWriters.get(Buffer.from(writer, 'hex'))?.core.length ?? null,
      // The view, not the base: with several signers the last acks of the system stay
      // unsigned until someone writes again, while every value in the view is signed.
      signed: () => viewSigned(this.#base),
      onStatus: (status) => this.emit('status', status),
      onSeen: (seq) => {
        this.#reader.seen = seq
        this.emit('seen', seq)
      },
      log: () => this.#log
    })
  }

  // This user's drive in the room, on its own namespace: never the root store, since closing a
  // drive closes the store it was given.
  #openFiles (namespace: string): RoomFiles {
    const files = new RoomFiles({
      append: (event) => this.#writer.append(event),
      assertWritable: () => this.#writer.assertWritable(),
      posted: (seq) => this.#conversation.posted(seq),
      authorDrive: async (key) => (await readUser(this.#base.view, key))?.drive,
      publishDrive: () => this.#publishProfile(),
      progress: (p) => this.emit('download-progress', p)
    }, new DriveStore({
      ownStore: this.#trust.track(this.#ctx.store.namespace(namespace + ':files')),
      peerStore: () => this.#trust.track(this.#ctx.store.session()),
      room: async (bytes) => { await this.#ctx.disk.sample(); this.#ctx.disk.assertRoom(bytes) }
    }))
    if (this.#ctx.maxFileBytes !== undefined) files.maxBytes = this.#ctx.maxFileBytes
    return files
  }

  protected override async _open (): Promise<void> {
    try {
      await this.#base.ready()
      this.#trust.attach(this.#base)
      this.#nameLog()
      await this.#files.ready()
      await this.#base.update() // applies what is stored locally, so writable is known
      await this.#reader.ready()
      await this.#attention.open()
      await this.#trust.updated(this.#reader.clock) // this device's role and admins, before any peer is judged
      await this.#followName()
    } catch (err) {
      await this._close() // ReadyResource closes only what opened
      throw err
    }
    this.#peerState.listen()
    this.#attention.listen()
    this.#ctx.network.join(this.id, this.#base.discoveryKey, this.#trust.access)
    this.#viewDownload.start()
    this.#signing.start()
    // The members' drives are the room's cores too: found in the background, not on the way in.
    this.#trust.profilesChanged(this.#ctx.store).catch((err) => this.#warn(err))
    this.#log.debug({ writable: this.writable }, 'opened')
  }

  /** Log lines name the room by its alias and the start of its key. */
  #nameLog (): void {
    this.#log = this.#ctx.logger.child({ room: short(this.id), alias: this.#name.alias })
  }

  /**
   * A new base on the same namespace, after the last one closed on a storage error: what was
   * stored is all there (a send the disk refused was never acknowledged, though its block may
   * have reached the writer core before the view write failed: it is applied now). The reader
   * carries on from the clock it had emitted up to, so nothing is announced twice or missed.
   */
  async #reopen (): Promise<void> {
    if (this.closing !== null) return
    const base = this.#openBase(Buffer.from(this.id, 'hex'))
    // Autobase crashes the process on an error nobody listens to (crashSoon): a new base that
    // meets the full disk again while opening must not take the node down.
    base.on('error', (err: unknown) => this.#recovery.failed(err))
    try {
      await base.ready()
      await base.update()
    } catch (err) {
      await base.close().catch(() => {})
      throw err
    }
    if (this.closing !== null) return void await base.close()
    this.#base = base
    this.#trust.attach(base)
    this.#writer = this.#openWriter()
    this.#membership = this.#openMembership()
    this.#roles = this.#openRoles()
    this.#signing.stop()
    this.#signing = this.#openSigning()
    this.#signing.start()
    this.#listenBase(base)
    await this.#reader.reattach()
    this.#viewDownload.start()
  }

  protected override async _close (): Promise<void> {
    this.#recovery.stop()
    this.#signing.stop()
    await this.#reopening?.catch(() => {}) // it closes the base it opened when it sees the room closing
    this.#peerState.unlisten()
    this.#viewDownload.stop()
    await this.#writer.drained().catch(() => {})
    await this.#reader.close()
    await this.#attention.close()
    await this.#base.close()
    await this.#files.close()
    await this.#trust.cores.close()
  }

  /** The room's key (hex): its id everywhere. */
  get id (): string { return this.#base.key.toString('hex') }
  /** This device's writer key in the room: the author.key of its messages. */
  get writerKey (): string { return this.#base.local.key.toString('hex') }
  get writable (): boolean { return this.#base.writable && !this.#trust.removed }
  /**
   * This device's role in the room: 'owner', 'admin', 'member', or null once removed. (The
   * creator is the owner from the start, before its first block is applied.)
   */
  get role (): Role | null {
    const role = this.#trust.role
    return role === null && !this.#trust.removed && this.id === this.writerKey ? 'owner' : role
  }

  get isOwner (): boolean { return this.role === 'owner' }
  /** Whether this device was removed from the room (it emitted 'removed'). */
  get removed (): boolean { return this.#trust.removed }
  /** The room's name on this device. */
  get alias (): string { return this.#name.alias }
  get peers (): number { return this.#peerState.list.length }
  get status (): RoomStatus { return this.#peerState.status }
  /** Why a newer build's events stopped the room, or null. */
  get interrupted (): LinkUpError | null { return this.#interruption }
  /** The largest file sendFile / sendAudio accept, in bytes. */
  get maxFileBytes (): number { return this.#files.maxBytes }

  /** The room's own record: the alias its owner gave it, and the owner's key. */
  async meta (): Promise<RoomRecord | null> {
    this.#assertReadable()
    return await readRoom(this.#base.view)
  }

  /** Renames the room on this device only. */
  async setAlias (name: string): Promise<void> {
    const alias = typeof name === 'string' ? wellFormed(name) : name
    if (!isName(alias, LIMITS.aliasChars)) throw errors.badName('A room name', LIMITS.aliasChars)
    await this.#name.choose(alias)
  }

  #followName (): Promise<boolean> {
    return this.#base.closed ? Promise.resolve(false) : this.#name.follow(this.#base.view)
  }

  /** The room's entry in the room list (local-state.json), and its copy in storage (room-records.ts). */
  async #save (): Promise<void> {
    const entry: LocalRoom = { namespace: this.#namespace, alias: this.#name.alias, named: this.#name.named }
    await this.#ctx.local.addRoom(this.id, entry)
    await writeRoomRecord(this.#base.local, entry)
  }

  /** Posts a Markdown message, replying to the message `replyTo`, calling the members `mentions`. */
  send (text: string, opts: SendOptions = {}): Promise<Message> {
    return this.#conversation.send(text, opts)
  }

  /** New text (and mentions) for one of your text messages; resolves with it as edited. */
  edit (id: string, text: string, opts: { mentions?: readonly string[] } = {}): Promise<Message> {
    return this.#edits.edit(id, text, opts)
  }

  /** Takes a message back (yours; anyone's as the owner or an admin): a tombstone stays in its place. */
  delete (id: string): Promise<Message> {
    return this.#edits.delete(id)
  }

  /** Adds your reaction `emoji` (one emoji) to a message. */
  react (id: string, emoji: string): Promise<Message> {
    return this.#reactions.react(id, emoji)
  }

  /** Takes your reaction `emoji` off a message. */
  unreact (id: string, emoji: string): Promise<Message> {
    return this.#reactions.unreact(id, emoji)
  }

  /** Writes a file (bytes or a stream, up to maxFileBytes) to this user's drive and posts it. */
  sendFile (name: string, data: FileSource, mime?: string): Promise<Message> {
    return this.#files.sendFile(name, data, mime)
  }

  /** Posts a voice message (an audio/* recording of durationMs milliseconds). */
  sendAudio (data: FileSource, mime: string, durationMs: number): Promise<Message> {
    return this.#files.sendAudio(data, mime, durationMs)
  }

  /** The bytes of a file or audio message, from whichever peer online holds them. */
  readFile (message: Message, opts?: ReadOptions): Promise<Buffer> {
    return this.#files.readFile(message, opts)
  }

  /** A stream of a file message's bytes, or of start..end (inclusive). */
  createFileStream (message: Message, opts?: StreamOptions): Promise<Readable> {
    return this.#files.createFileStream(message, opts)
  }

  /** A file message's name, type, size and drive version, once its entry is found. */
  fileInfo (message: Message, opts?: ReadOptions): Promise<FileInfo> {
    return this.#files.info(message, opts)
  }

  /** A page of messages, oldest first: the newest, those just `before` a message, or just `after` one. */
  async messages (opts: { limit?: number, before?: string, after?: string } = {}): Promise<Message[]> {
    this.#assertReadable()
    return await this.#reader.page(opts ?? {})
  }

  /** One message by id; null when there is none, or clear() hides it on this device. */
  async message (id: string): Promise<Message | null> {
    this.#assertReadable()
    return await this.#reader.shown(id)
  }

  createInvite (opts: { expiresInMs?: number } = {}): Promise<string> {
    return this.#membership.createInvite(opts)
  }

  /**
   * The owner (anyone but itself) or an admin (members only): removes a member. Bans their key
   * and device, revokes the invites they came in with and made, makes invites admins-only, and
   * resolves once this device has stopped serving the room to them (docs/architecture.md §6.7).
   */
  removeMember (key: string): Promise<void> {
    return this.#roles.removeMember(key)
  }

  /** The owner or an admin: makes a member an admin, or an admin a member (or itself, stepping down). */
  setRole (key: string, role: 'admin' | 'member'): Promise<void> {
    return this.#roles.setRole(key, role)
  }

  /** The owner hands the room over to another member; it stays an admin. */
  transferOwnership (key: string): Promise<void> {
    return this.#roles.transferOwnership(key)
  }

  async members (): Promise<Member[]> {
    this.#assertReadable()
    return await this.#membership.members()
  }

  async avatar (key: string): Promise<{ mime: string, data: Buffer } | null> {
    this.#assertReadable()
    const record = await readAvatar(this.#base.view, key)
    return record === null ? null : { mime: record.mime, data: Buffer.from(record.data, 'base64') }
  }

  /** Hides, on this device only, every message it has seen so far. */
  async clear (): Promise<void> {
    this.#assertReadable()
    await this.#ctx.local.setCleared(this.id, await this.#reader.readClock())
    this.emit('cleared')
  }

  /** What this user has not read here: others' messages past the read marker (docs/architecture.md §13.1). */
  get unread (): Unread { return this.#attention.unread }
  /** Marks the room read up to message `id`, or all of it; on this device only. False when nothing moved. */
  markRead (id?: string): Promise<boolean> { return this.#attention.markRead(id) }
  /** Tells the peers online this user is typing here (never stored; at most every 3 s: false when nothing went out). */
  typing (): boolean { return this.#attention.typing() }
  /** Members typing here now, as their devices said in the last few seconds. */
  get typists (): Typist[] { return this.#attention.who }

  /** Round trip to each peer in the room. */
  ping (): Promise<Array<{ key: string, rtt: number }>> {
    return this.#peerState.ping()
  }

  /**
   * Leaves the room on this device (Client.leaveRoom): it stops syncing and is closed. The
   * owner is refused (LAST_ADMIN: hand the room over first) unless `anyway`; an admin steps
   * down first.
   */
  leave (opts: { anyway?: boolean } = {}): Promise<void> {
    return this.#ctx.leave(this.id, opts)
  }

  // A device that cannot write here yet (admitted by a peer before its own copy applied the
  // join, or writability dropped for a moment by a reorder) publishes at the first update that
  // finds it writable, instead of staying nameless until the next start (issue 13).
  #publishProfile (): Promise<void> {
    this.#profilePending = !this.#base.writable
    if (this.#profilePending) return Promise.resolve()
    return publishProfile(this.#ctx.profile(), {
      view: this.#base.view,
      writer: this.#writer,
      writerKey: this.writerKey,
      writable: this.#base.writable,
      driveKey: this.#files.driveKey
    })
  }

  /** For writes: open, not stopped by a newer build, and room left on the disk. */
  #assertOpen (): void {
    if (this.#interruption !== null) throw this.#interruption
    this.#assertReadable()
    if (this.#base.closed) throw errors.closed()
    this.#ctx.disk.assertRoom()
  }

  /** For reads: open, and not waiting to reopen after a storage error. */
  #assertReadable (): void {
    if (this.closing !== null) throw errors.closed()
    const stalled = this.#recovery.reason()
    if (stalled !== null) throw stalled
  }

  #warn (err: unknown): void {
    if (this.closing !== null) return
    this.emit('warning', err)
  }
}

/** Every change in the room's view is signed (acks after it need not be: docs/autobase.md §3). */
export function viewSigned (base: Autobase<Hyperbee>): boolean {
  const core = base.view.core
  return core.signedLength >= core.length
}
