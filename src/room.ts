// A room: one Autobase (its own Corestore namespace) whose view is the room's Hyperbee.
// Writes go to the log as events (room-writer.ts); everything read comes from the view.
// Room is the public face, one line per call; each concern is a module behind it: what is
// said (room-conversation.ts, room-edits.ts, room-reactions.ts), who is in (room-membership.ts), profile publishing
// (room-profile.ts), peers and sync (room-peers.ts), the message feed (message-reader.ts),
// files (files/room-files.ts). A new concern is a new module and a few lines here.
import ReadyResource from 'ready-resource'
import Autobase from 'autobase'
import type Hyperbee from 'hyperbee'
import type Corestore from 'corestore'
import type { Readable } from 'stream'
import { open, apply } from '../views/apply.js'
import { isName, LIMITS } from '../views/schema.js'
import { wellFormed } from '../views/limits.js'
import type { RoomRecord } from '../views/records.js'
import { readRoom } from '../views/members-reads.js'
import { readAvatar, readUser } from '../views/profiles-reads.js'
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
import { ViewDownload } from './view-download.js'
import { roomInternals, setRoomInternals } from './room-internals.js'
import { describeError, short, type Logger } from './log.js'
import type { LocalState, LocalProfile } from './local-state.js'
import type { FirstSeen } from './first-seen.js'
import { DriveStore } from './files/drive-store.js'
import { followRoom, type UnreadCounter, type Unread } from './attention/unread-counter.js'
import type { AttentionState } from './attention/attention-state.js'
import { RoomFiles, type FileSource, type ReadOptions, type StreamOptions, type FileInfo } from './files/room-files.js'

const ACK_INTERVAL_MS = 1000
// The owner (sole indexer) signs at most once a second instead of in every block it appends:
// a checkpoint per message was ~40 % of its cost. `signed` in the status comes true within
// about this long after the last message (patches/autobase+7.28.1.patch, docs/autobase.md).
const SIGN_INTERVAL_MS = 1000

export type { RoomStatus } from './room-peers.js'
export type { Member } from './room-membership.js'
export type { SendOptions } from './room-conversation.js'
export type { Unread } from './attention/unread-counter.js'

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
  leave: (id: string) => Promise<void>
  /** The largest file sendFile / sendAudio accept (ClientOptions.maxFileBytes). */
  maxFileBytes?: number
  /** The Client's logger; the room logs through a child naming it. */
  logger: Logger
}

/**
 * Events: 'message' (Message) for each message entering the view; 'update' (Message) when one
 * already in the view is edited, deleted or reacted to; 'reset' when history was
 * reordered (reread what you show); 'status' (RoomStatus); 'seen' (seq) when a peer received
 * our messages up to seq; 'profile' when a user changed; 'cleared'; 'interrupted'
 * (LinkUpError) when a newer build's events stopped the room; 'unread' (Unread) when what this
 * user has not read changed; 'download-progress'
 * ({ id, bytes, total }) while a file message's bytes are read; 'warning' (Error).
 */
export class Room extends ReadyResource {
  readonly #ctx: RoomContext
  readonly #base: Autobase<Hyperbee>
  readonly #writer: RoomWriter
  readonly #reader: MessageReader
  readonly #peerState: RoomPeers
  readonly #membership: Membership
  readonly #conversation: Conversation
  readonly #edits: Edits
  readonly #reactions: Reactions
  readonly #files: RoomFiles
  readonly #viewDownload: ViewDownload
  readonly #unread: UnreadCounter
  #localAlias: string
  #interruption: LinkUpError | null = null
  #log: Logger

  constructor (ctx: RoomContext, opts: { key: Buffer | null, namespace: string, alias: string }) {
    super()
    this.#ctx = ctx
    this.#localAlias = opts.alias
    this.#log = ctx.logger
    this.#base = new Autobase<Hyperbee>(ctx.store.namespace(opts.namespace), opts.key, {
      open,
      apply,
      optimistic: true,
      ackInterval: ACK_INTERVAL_MS,
      signInterval: SIGN_INTERVAL_MS,
      valueEncoding: 'binary',
      wakeup: ctx.network.wakeup
    })
    this.#reader = new MessageReader(this.#base, {
      cleared: () => ctx.local.cleared(this.id),
      firstSeen: {
        at: (writer, seq) => ctx.firstSeen.at(this.id, writer, seq),
        record: (writer, seq, at) => ctx.firstSeen.record(this.id, writer, seq, at)
      }
    })
    this.#peerState = this.#openPeers()
    this.#writer = new RoomWriter(this.#base, {
      assertOpen: () => this.#assertOpen(),
      banned: () => this.#membership.banned()
    })
    this.#membership = new Membership(this.#base, this.#writer, this.#peerState)
    const parts = { reader: this.#reader, writer: this.#writer, view: () => this.#base.view, writerKey: () => this.writerKey }
    this.#conversation = new Conversation(parts)
    this.#reactions = new Reactions(parts)
    this.#files = this.#openFiles(opts.namespace)
    this.#edits = new Edits({
      ...parts,
      mayModerate: () => this.isOwner,
      removeOwnFile: async (file) => { if (file.drive === this.#files.driveKey) await this.#files.store.remove(file.path) },
      ownBlock: (seq) => this.#ownBlock(seq)
    })
    this.#viewDownload = new ViewDownload(() => this.#base.view.core, (err) => this.#warn(err))
    this.#listen()
    this.#unread = followRoom(this, {
      view: () => this.#base.view,
      me: () => this.writerKey,
      read: () => ctx.attention.read(this.id),
      cleared: () => ctx.local.cleared(this.id),
      markRead: (upTo) => ctx.attention.markRead(this.id, upTo)
    })
    setRoomInternals(this, {
      base: this.#base,
      namespace: opts.namespace,
      writer: this.#writer,
      membership: this.#membership,
      files: this.#files,
      publishProfile: () => this.#publishProfile()
    })
  }

  #listen (): void {
    this.#base.on('update', () => {
      this.#reader.update().then(() => this.#peerState.updated(), (err) => this.#warn(err))
    })
    this.#base.on('interrupt', (reason: { version?: number } | undefined) => {
      this.#interruption = errors.needsUpdate(reason?.version ?? 0)
      this.#log.warn({ version: reason?.version }, `stopped: ${this.#interruption.message}`)
      this.emit('interrupted', this.#interruption)
    })
    this.on('warning', (err: unknown) => this.#log.warn({ err }, `warning: ${describeError(err)}`))
    this.#base.on('error', (err: unknown) => this.#warn(err))
    this.#base.on('fast-forward', () => this.#viewDownload.start())
    this.#reader.on('message', (m: Message) => this.emit('message', m))
    this.#reader.on('update', (m: Message) => {
      this.emit('update', m)
      this.#edits.deletedByOthers(m).catch((err) => this.#warn(err))
    })
    this.#reader.on('reset', () => this.emit('reset'))
    this.#reader.on('profile', () => this.emit('profile'))
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
      signed: () => this.#base.signedLength >= this.#base.length,
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
    }, new DriveStore({ ownStore: this.#ctx.store.namespace(namespace + ':files'), root: this.#ctx.store }))
    if (this.#ctx.maxFileBytes !== undefined) files.maxBytes = this.#ctx.maxFileBytes
    return files
  }

  protected override async _open (): Promise<void> {
    try {
      await this.#base.ready()
      this.#named()
      await this.#files.ready()
      await this.#base.update() // applies what is stored locally, so writable is known
      await this.#reader.ready()
      await this.#unread.recount()
    } catch (err) {
      await this._close() // ReadyResource closes only what opened
      throw err
    }
    this.#peerState.listen()
    this.#ctx.network.join(this.id, this.#base.discoveryKey)
    this.#viewDownload.start()
    this.#log.debug({ writable: this.writable }, 'opened')
  }

  /** Log lines name the room by its alias and the start of its key. */
  #named (): void {
    this.#log = this.#ctx.logger.child({ room: short(this.id), alias: this.#localAlias })
  }

  protected override async _close (): Promise<void> {
    this.#peerState.unlisten()
    this.#viewDownload.stop()
    await this.#writer.drained().catch(() => {})
    await this.#reader.close()
    await this.#unread.close()
    await this.#base.close()
    await this.#files.close()
  }

  /** The room's key (hex): its id everywhere. */
  get id (): string { return this.#base.key.toString('hex') }
  /** This device's writer key in the room: the author.key of its messages. */
  get writerKey (): string { return this.#base.local.key.toString('hex') }
  get writable (): boolean { return this.#base.writable }
  get isOwner (): boolean { return this.id === this.writerKey }
  /** The room's name on this device. */
  get alias (): string { return this.#localAlias }
  get peers (): number { return this.#peerState.list.length }
  get status (): RoomStatus { return this.#peerState.status }
  /** Why a newer build's events stopped the room, or null. */
  get interrupted (): LinkUpError | null { return this.#interruption }
  /** The largest file sendFile / sendAudio accept, in bytes. */
  get maxFileBytes (): number { return this.#files.maxBytes }

  /** The room's own record: the alias its owner gave it, and the owner's key. */
  meta (): Promise<RoomRecord | null> {
    return readRoom(this.#base.view)
  }

  /** Renames the room on this device only. */
  async setAlias (name: string): Promise<void> {
    const alias = typeof name === 'string' ? wellFormed(name) : name
    if (!isName(alias, LIMITS.aliasChars)) throw errors.badName('A room name', LIMITS.aliasChars)
    this.#localAlias = alias
    this.#named()
    await this.#ctx.local.addRoom(this.id, { namespace: roomInternals(this).namespace, alias })
  }

  /** Posts a Markdown message, replying to the message `replyTo`, calling the members `mentions`. */
  send (text: string, opts: SendOptions = {}): Promise<Message> {
    return this.#conversation.send(text, opts)
  }

  /** New text (and mentions) for one of your text messages; resolves with it as edited. */
  edit (id: string, text: string, opts: { mentions?: readonly string[] } = {}): Promise<Message> {
    return this.#edits.edit(id, text, opts)
  }

  /** Takes a message back (yours; anyone's as the owner): a tombstone stays in its place. */
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
  messages (opts: { limit?: number, before?: string, after?: string } = {}): Promise<Message[]> {
    return this.#reader.page(opts ?? {})
  }

  /** One message by id; null when there is none, or clear() hides it on this device. */
  message (id: string): Promise<Message | null> {
    return this.#reader.shown(id)
  }

  createInvite (opts: { expiresInMs?: number } = {}): Promise<string> {
    return this.#membership.createInvite(opts)
  }

  /** Owner only: removes a member, bans their key and revokes the invite they came in with. */
  removeMember (key: string): Promise<void> {
    return this.#membership.removeMember(key)
  }

  members (): Promise<Member[]> {
    return this.#membership.members()
  }

  async avatar (key: string): Promise<{ mime: string, data: Buffer } | null> {
    const record = await readAvatar(this.#base.view, key)
    return record === null ? null : { mime: record.mime, data: Buffer.from(record.data, 'base64') }
  }

  /** Hides, on this device only, every message it has seen so far. */
  async clear (): Promise<void> {
    await this.#ctx.local.setCleared(this.id, await this.#reader.readClock())
    this.emit('cleared')
  }

  /** What this user has not read here: others' messages past the read marker (docs/architecture.md §13.1). */
  get unread (): Unread { return this.#unread.unread }

  /** Marks the room read up to message `id`, or all of it; on this device only. False when nothing moved. */
  markRead (id?: string): Promise<boolean> {
    return this.#unread.markRead(id)
  }

  /** Round trip to each peer in the room. */
  ping (): Promise<Array<{ key: string, rtt: number }>> {
    return this.#peerState.ping()
  }

  /** Leaves the room on this device (Client.leaveRoom): it stops syncing and is closed. */
  leave (): Promise<void> {
    return this.#ctx.leave(this.id)
  }

  #publishProfile (): Promise<void> {
    return publishProfile(this.#ctx.profile(), {
      view: this.#base.view,
      writer: this.#writer,
      writerKey: this.writerKey,
      writable: this.#base.writable,
      driveKey: this.#files.driveKey
    })
  }

  /** One of this device's own events as written: the local core holds Autobase's oplog entries. */
  async #ownBlock (seq: number): Promise<Buffer | null> {
    const entry = await this.#base.local.get(seq, { wait: false }) as unknown as { node?: { value?: Buffer | null } } | null
    return entry?.node?.value ?? null
  }

  #assertOpen (): void {
    if (this.#interruption !== null) throw this.#interruption
    if (this.closing !== null || this.#base.closed) throw errors.closed()
  }

  #warn (err: unknown): void {
    if (this.closing !== null) return
    this.emit('warning', err)
  }
}
