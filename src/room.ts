// A room: one Autobase (its own Corestore namespace) whose view is the room's Hyperbee.
// Writes go to the log as events (room-writer.ts); everything read comes from the view.
// Room is the public face, one line per call; each concern is a module behind it: what is
// said (room-conversation.ts), who is in (room-membership.ts), profile publishing
// (room-profile.ts), peers and sync (room-peers.ts), the message feed (message-reader.ts),
// files (files/room-files.ts), roles (room-roles.ts), trust and admission (trust/room-trust.ts),
// signing with some indexers away (room-signing.ts). A new concern is a new module and a few
// lines here.
import ReadyResource from 'ready-resource'
import Autobase from 'autobase'
import type Hyperbee from 'hyperbee'
import type Corestore from 'corestore'
import type { Readable } from 'stream'
import { open, apply } from '../views/apply.js'
import { isName, LIMITS, type Role } from '../views/schema.js'
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
import { Membership } from './room-membership.js'
import { RoomInvites, type InviteOptions, type LiveInvite } from './room-invites.js'
import { withIdentities } from './names/identities.js'
import type { Member } from './names/member.js'
import { Conversation } from './room-conversation.js'
import { publishProfile } from './room-profile.js'
import { Roles } from './room-roles.js'
import { SigningNudge } from './room-signing.js'
import { RoomTrust } from './trust/room-trust.js'
import type { Notice } from './network/peer-channel.js'
import { ViewDownload } from './view-download.js'
import { roomInternals, setRoomInternals } from './room-internals.js'
import { describeError, short, type Logger } from './log.js'
import type { LocalState, LocalProfile } from './local-state.js'
import { DriveStore } from './files/drive-store.js'
import { RoomFiles, type FileSource, type ReadOptions, type StreamOptions, type FileInfo } from './files/room-files.js'

const ACK_INTERVAL_MS = 1000
// The owner (sole indexer) signs at most once a second instead of in every block it appends:
// a checkpoint per message was ~40 % of its cost. `signed` in the status comes true within
// about this long after the last message (patches/autobase+7.28.1.patch, docs/autobase.md).
const SIGN_INTERVAL_MS = 1000

export type { RoomStatus } from './room-peers.js'
export type { Member } from './names/member.js'
export type { InviteOptions, LiveInvite } from './room-invites.js'

/** What a Room needs from its Client. */
export interface RoomContext {
  store: Corestore
  network: Network
  local: LocalState
  profile: () => LocalProfile | null
  /** Client.leaveRoom. */
  leave: (id: string, opts?: { anyway?: boolean }) => Promise<void>
  /** The largest file sendFile / sendAudio accept (ClientOptions.maxFileBytes). */
  maxFileBytes?: number
  /** The Client's logger; the room logs through a child naming it. */
  logger: Logger
}

/**
 * Events: 'message' (Message) for each message entering the view; 'reset' when history was
 * reordered (reread what you show); 'status' (RoomStatus); 'seen' (seq) when a peer received
 * our messages up to seq; 'profile' when a user changed; 'cleared'; 'interrupted'
 * (LinkUpError) when a newer build's events stopped the room; 'download-progress'
 * ({ id, bytes, total }) while a file message's bytes are read; 'role' (Role | null) when this
 * device's role changed; 'removed' ({ by? }) once, when this device was removed from the room
 * (its view says so, or a peer showed the remover's signed notice); 'access' when who is in,
 * their roles or the room's invites changed (reread members() and invites()); 'warning' (Error).
 */
export class Room extends ReadyResource {
  readonly #ctx: RoomContext
  readonly #base: Autobase<Hyperbee>
  readonly #writer: RoomWriter
  readonly #reader: MessageReader
  readonly #peerState: RoomPeers
  readonly #membership: Membership
  readonly #invites: RoomInvites
  readonly #conversation: Conversation
  readonly #files: RoomFiles
  readonly #viewDownload: ViewDownload
  readonly #trust: RoomTrust
  readonly #roles: Roles
  readonly #signing: SigningNudge
  #localAlias: string
  #interruption: LinkUpError | null = null
  #log: Logger

  constructor (ctx: RoomContext, opts: { key: Buffer | null, namespace: string, alias: string }) {
    super()
    this.#ctx = ctx
    this.#localAlias = opts.alias
    this.#log = ctx.logger
    this.#trust = this.#openTrust()
    this.#base = new Autobase<Hyperbee>(this.#trust.track(ctx.store.namespace(opts.namespace)), opts.key, {
      open,
      apply,
      optimistic: true,
      ackInterval: ACK_INTERVAL_MS,
      signInterval: SIGN_INTERVAL_MS,
      valueEncoding: 'binary',
      wakeup: ctx.network.wakeup
    })
    this.#reader = new MessageReader(this.#base, { cleared: () => ctx.local.cleared(this.id) })
    this.#peerState = this.#openPeers()
    this.#writer = new RoomWriter(this.#base, {
      assertOpen: () => this.#assertOpen(),
      banned: () => this.#membership.banned()
    })
    this.#membership = new Membership(this.#base, this.#writer, this.#peerState, {
      device: () => ctx.network.keyPair,
      access: this.#trust.access,
      reprove: () => ctx.network.reprove(this.id)
    })
    this.#invites = new RoomInvites(this.#base, this.#writer, { onAccess: () => this.emit('access') })
    this.#roles = new Roles(this.#base, this.#writer, { recheck: () => ctx.network.recheck(this.id) })
    this.#signing = new SigningNudge(this.#base, {
      indexers: () => readIndexers(this.#base.view),
      online: () => this.#peerState.onlineWriters(),
      onError: (err) => this.#warn(err)
    })
    this.#conversation = new Conversation(this.#reader, this.#writer)
    this.#files = this.#openFiles(opts.namespace)
    this.#viewDownload = new ViewDownload(() => this.#base.view.core, (err) => this.#warn(err))
    this.#listen()
    setRoomInternals(this, {
      base: this.#base,
      namespace: opts.namespace,
      writer: this.#writer,
      membership: this.#membership,
      roles: this.#roles,
      signing: this.#signing,
      files: this.#files,
      publishProfile: () => this.#publishProfile()
    })
  }

  #listen (): void {
    this.#base.on('update', () => {
      this.#reader.update()
        .then(() => this.#trust.updated(this.#reader.clock))
        .then(() => this.#peerState.updated(), (err) => this.#warn(err))
    })
    // Who is in, their roles or the invites changed (meta/trust moved): 'access' says reread them.
    this.#base.on('update', () => { this.#invites.updated().catch((err) => this.#warn(err)) })
    this.#base.on('interrupt', (reason: { version?: number } | undefined) => {
      this.#interruption = errors.needsUpdate(reason?.version ?? 0)
      this.#log.warn({ version: reason?.version }, `stopped: ${this.#interruption.message}`)
      this.emit('interrupted', this.#interruption)
    })
    this.on('warning', (err: unknown) => this.#log.warn({ err }, `warning: ${describeError(err)}`))
    this.#base.on('error', (err: unknown) => this.#warn(err))
    this.#base.on('fast-forward', () => this.#viewDownload.start())
    this.#reader.on('message', (m: Message) => this.emit('message', m))
    this.#reader.on('reset', () => this.emit('reset'))
    this.#reader.on('profile', () => {
      this.#trust.profilesChanged(this.#ctx.store).catch((err) => this.#warn(err))
      this.emit('profile')
    })
    this.#reader.on('skipped', (n: number, total: number) => {
      this.#log.warn({ skipped: n, total }, `skipped ${n} ${n === 1 ? 'block' : 'blocks'} that ${n === 1 ? 'is' : 'are'} not a valid event from a member (${total} in this room)`)
    })
  }

  #openTrust (): RoomTrust {
    return new RoomTrust(this.#ctx.network, {
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

  #openPeers (): RoomPeers {
    return new RoomPeers(this.#ctx.network, {
      roomKey: () => this.id,
      writerKey: () => this.writerKey,
      clock: () => this.#reader.clock,
      // The view, not the base: with several indexers the last acks of the system stay
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
      peerStore: () => this.#trust.track(this.#ctx.store.session())
    }))
    if (this.#ctx.maxFileBytes !== undefined) files.maxBytes = this.#ctx.maxFileBytes
    return files
  }

  protected override async _open (): Promise<void> {
    try {
      await this.#base.ready()
      this.#trust.attach(this.#base)
      this.#named()
      await this.#files.ready()
      await this.#base.update() // applies what is stored locally, so writable is known
      await this.#reader.ready()
      await this.#trust.updated(this.#reader.clock)
      await this.#trust.profilesChanged(this.#ctx.store)
    } catch (err) {
      await this._close() // ReadyResource closes only what opened
      throw err
    }
    this.#peerState.listen()
    this.#ctx.network.join(this.id, this.#base.discoveryKey, this.#trust.access)
    this.#viewDownload.start()
    this.#signing.start()
    this.#log.debug({ writable: this.writable }, 'opened')
  }

  /** Log lines name the room by its alias and the start of its key. */
  #named (): void {
    this.#log = this.#ctx.logger.child({ room: short(this.id), alias: this.#localAlias })
  }

  protected override async _close (): Promise<void> {
    this.#signing.stop()
    this.#peerState.unlisten()
    this.#viewDownload.stop()
    await this.#writer.drained().catch(() => {})
    await this.#reader.close()
    await this.#base.close()
    await this.#files.close()
  }

  /** The room's key (hex): its id everywhere. */
  get id (): string { return this.#base.key.toString('hex') }
  /** This device's writer key in the room: the author.key of its messages. */
  get writerKey (): string { return this.#base.local.key.toString('hex') }
  get writable (): boolean { return this.#base.writable }
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
  async setAlias (alias: string): Promise<void> {
    if (!isName(alias, LIMITS.aliasChars)) throw errors.invalid('A room name has 1 to 64 characters')
    this.#localAlias = alias
    this.#named()
    await this.#ctx.local.addRoom(this.id, { namespace: roomInternals(this).namespace, alias })
  }

  /** Posts a Markdown message (replying to the message whose id is replyTo). */
  send (text: string, opts: { replyTo?: string } = {}): Promise<Message> {
    return this.#conversation.send(text, opts)
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

  messages (opts: { limit?: number, before?: string } = {}): Promise<Message[]> {
    return this.#reader.page(opts ?? {})
  }

  message (id: string): Promise<Message | null> {
    return this.#reader.byId(id)
  }

  /**
   * Makes an invite: a token (linkup:…) that lets people join until it expires (`expiresInMs`),
   * has let `uses` people in, or is revoked. Refused (NOT_ADMIN) for a member while only
   * admins invite.
   */
  createInvite (opts: InviteOptions = {}): Promise<string> {
    return this.#invites.create(opts)
  }

  /** The invites that would let someone in now, newest first (docs/architecture.md §2.6). */
  invites (): Promise<LiveInvite[]> {
    return this.#invites.list()
  }

  /** Revokes an invite by its id (LiveInvite.id, or inviteId(token)): the owner and admins any, a member their own. */
  revokeInvite (id: string): Promise<void> {
    return this.#invites.revoke(id)
  }

  /** Whether only the owner's and admins' invites let people in. */
  invitePolicy (): Promise<{ adminsOnly: boolean }> {
    return this.#invites.policy()
  }

  /** The owner turns "only admins invite" on or off. */
  setInvitePolicy (policy: { adminsOnly: boolean }): Promise<void> {
    return this.#invites.setPolicy(policy)
  }

  /**
   * The owner (anyone but itself) or an admin (members only): removes a member. Bans their key
   * and device, revokes the invites they came in with and made, makes invites admins-only, and
   * resolves once this device has stopped serving the room to them (docs/architecture.md §6.7).
   */
  removeMember (key: string): Promise<void> {
    return this.#roles.removeMember(key)
  }

  /** The owner (or an admin, for a promotion, or to step down): makes a member an admin or a member. */
  setRole (key: string, role: 'admin' | 'member'): Promise<void> {
    return this.#roles.setRole(key, role)
  }

  /** The owner hands the room over to another member; it stays an admin. */
  transferOwnership (key: string): Promise<void> {
    return this.#roles.transferOwnership(key)
  }

  /**
   * The room's members, each with a fingerprint of their key, their name cleaned of hidden
   * characters, the other members whose names look the same, and this user's nickname for
   * them and whether they verified them (docs/architecture.md §12).
   */
  async members (): Promise<Member[]> {
    return withIdentities(await this.#membership.members(), (key) => this.#ctx.local.contact(key))
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

  #publishProfile (): Promise<void> {
    return publishProfile(this.#ctx.profile(), {
      view: this.#base.view,
      writer: this.#writer,
      writerKey: this.writerKey,
      writable: this.#base.writable,
      driveKey: this.#files.driveKey
    })
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

/** Every change in the room's view is signed (acks after it need not be: docs/autobase.md §3). */
export function viewSigned (base: Autobase<Hyperbee>): boolean {
  const core = base.view.core
  return core.signedLength >= core.length
}
