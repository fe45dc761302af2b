// A room: one Autobase (its own Corestore namespace) whose view is the room's Hyperbee.
// Writes go to the log as events; everything read comes from the view.
import { EventEmitter } from 'events'
import Autobase from 'autobase'
import type Hyperbee from 'hyperbee'
import type Corestore from 'corestore'
import { open, apply } from '../views/apply.js'
import { keys, ranges } from '../views/keys.js'
import { encodeEvent, isName, LIMITS, type RoomEvent, type PostedText } from '../views/schema.js'
import { isHex32 } from '../views/limits.js'
import type { RoomRecord, MemberRecord, UserRecord, AvatarRecord, InviteRecord, BanRecord } from '../views/records.js'
import { AppendQueue, type Appended } from './append-queue.js'
import { createInvite, encodeInvite, signJoin, type Invite } from './invite.js'
import { errors, LinkUpError } from './errors.js'
import { MessageReader } from './message-reader.js'
import type { Message } from './message.js'
import type { Network } from './network/swarm.js'
import { RoomPeers, type RoomStatus } from './room-peers.js'
import type { LocalState, LocalProfile } from './local-state.js'
import { DriveStore } from './files/drive-store.js'
import { RoomFiles, type FileSource, type ReadOptions, type StreamOptions, type FileInfo } from './files/room-files.js'
import type { Readable } from 'stream'

const ACK_INTERVAL_MS = 1000
const WRITABLE_GRACE_MS = 5000

export type { RoomStatus } from './room-peers.js'

export interface Member {
  key: string
  name: string | null
  role: 'owner' | 'member'
  hasAvatar: boolean
  online: boolean
}

export interface RoomContext {
  store: Corestore
  network: Network
  local: LocalState
  profile: () => LocalProfile | null
}

/**
 * Events: 'message' (Message) for each message entering the view; 'reset' when history was
 * reordered (reread what you show); 'status' (RoomStatus); 'profile' when a user changed;
 * 'cleared'; 'interrupted' (LinkUpError) when a newer build's events stopped the room;
 * 'download-progress' ({ id, bytes, total }) while a file message's bytes are read.
 */
export class Room extends EventEmitter {
  readonly namespace: string
  readonly base: Autobase<Hyperbee>
  /** This user's drive in the room and the peers' drives read from (see src/files/). */
  readonly files: RoomFiles
  private readonly ctx: RoomContext
  private readonly queue: AppendQueue
  private readonly reader: MessageReader
  private localAlias: string
  private interruption: LinkUpError | null = null
  private readonly peerState: RoomPeers
  private closing: Promise<void> | null = null
  private viewDownload: { destroy: () => void } | null = null

  constructor (ctx: RoomContext, opts: { key: Buffer | null, namespace: string, alias: string }) {
    super()
    this.ctx = ctx
    this.namespace = opts.namespace
    this.localAlias = opts.alias
    this.base = new Autobase<Hyperbee>(ctx.store.namespace(opts.namespace), opts.key, {
      open,
      apply,
      optimistic: true,
      ackInterval: ACK_INTERVAL_MS,
      valueEncoding: 'binary',
      wakeup: ctx.network.wakeup
    })
    this.queue = new AppendQueue(this.base)
    this.reader = new MessageReader(this.base, { cleared: () => ctx.local.cleared(this.id) })
    this.peerState = new RoomPeers(ctx.network, {
      roomKey: () => this.id,
      writerKey: () => this.writerKey,
      clock: () => this.reader.clock,
      signed: () => this.base.signedLength >= this.base.length,
      onStatus: (status) => this.emit('status', status),
      onSeen: (seq) => {
        this.reader.seen = seq
        this.emit('seen', seq)
      }
    })
    // The drive sits on its own namespace, never the root store: closing a drive closes its store.
    this.files = new RoomFiles({
      append: (event) => this.append(event),
      assertWritable: () => this.assertWritable(),
      posted: (seq) => this.posted(seq),
      authorDrive: async (key) => (await this.get<UserRecord>(keys.user(key)))?.drive,
      publishDrive: () => this.publishProfile(),
      progress: (p) => this.emit('download-progress', p)
    }, new DriveStore({ ownStore: ctx.store.namespace(opts.namespace + ':files'), root: ctx.store }))
    this.base.on('update', () => {
      this.reader.update().then(() => this.onupdate(), (err) => this.warn(err))
    })
    this.base.on('interrupt', (reason: { version?: number } | undefined) => {
      this.interruption = errors.needsUpdate(reason?.version ?? 0)
      this.emit('interrupted', this.interruption)
    })
    this.base.on('error', (err: unknown) => this.warn(err))
    this.base.on('fast-forward', () => this.prefetchView())
    this.reader.on('message', (m: Message) => this.emit('message', m))
    this.reader.on('reset', () => this.emit('reset'))
    this.reader.on('profile', () => this.emit('profile'))
  }

  async ready (): Promise<void> {
    await this.base.ready()
    await this.files.ready()
    await this.base.update() // applies what is stored locally, so writable is known
    await this.reader.ready()
    this.peerState.listen()
    this.ctx.network.join(this.id, this.base.discoveryKey)
    this.prefetchView()
  }

  // After a fast-forward the view is sparse: only what was read is local, and a node that
  // then goes offline would wait forever reading its own view. Download the signed part that
  // is missing (what peers can send: the unsigned tail is always this node's own apply), then
  // look again, since another fast-forward may have come meanwhile. Not a live download: every
  // block the indexer signs later would be fetched again although this node applied it itself
  // (a live range cost ~3 write and ~5 read batches per message on the receiving side).
  private prefetchView (): void {
    const core = this.view.core
    if (this.viewDownload !== null || this.closing !== null || core.contiguousLength >= core.signedLength) return
    const download = core.download({ start: 0, end: core.signedLength })
    this.viewDownload = download
    const next = (): void => {
      if (this.viewDownload !== download) return
      this.viewDownload = null
      this.prefetchView()
    }
    download.done().then(next, (err: unknown) => {
      if (this.viewDownload === download) this.viewDownload = null
      this.warn(err)
    })
  }

  get id (): string { return this.base.key.toString('hex') }
  get discoveryKey (): Buffer { return this.base.discoveryKey }
  get writerKey (): string { return this.base.local.key.toString('hex') }
  get writable (): boolean { return this.base.writable }
  get isOwner (): boolean { return this.id === this.writerKey }
  get alias (): string { return this.localAlias }
  get view (): Hyperbee { return this.base.view }
  get peers (): number { return this.peerState.list.length }
  get interrupted (): LinkUpError | null { return this.interruption }

  get status (): RoomStatus { return this.peerState.status }

  /** The largest file sendFile and sendAudio accept, in bytes. */
  get maxFileBytes (): number { return this.files.maxBytes }

  async meta (): Promise<RoomRecord | null> {
    return this.get<RoomRecord>(keys.room)
  }

  async setAlias (alias: string): Promise<void> {
    if (!isName(alias, LIMITS.aliasChars)) throw errors.invalid('A room name has 1 to 64 characters')
    this.localAlias = alias
    await this.ctx.local.addRoom(this.id, { namespace: this.namespace, alias })
  }

  private assertWritable (): void {
    this.assertOpen()
    if (!this.base.writable) throw errors.notWritable()
  }

  /** Appends one event to this user's writer core; resolves to its seq. */
  async append (event: RoomEvent, opts: { optimistic?: boolean } = {}): Promise<number> {
    if (opts.optimistic === true) {
      this.assertOpen()
      const length = await this.base.append(encodeEvent(event), { optimistic: true })
      return length - 1
    }
    return (await this.write((queue) => queue.append(encodeEvent(event)))).seq
  }

  async send (text: string, opts: { replyTo?: string } = {}): Promise<Message> {
    if (typeof text !== 'string' || text.trim().length === 0) throw errors.invalid('A message needs some text')
    if (text.length > LIMITS.textChars) throw errors.tooLarge('The message', `${LIMITS.textChars} characters`)
    const posted: PostedText = { text, ts: Date.now() }
    if (opts.replyTo !== undefined) {
      if (await this.reader.byId(opts.replyTo) === null) throw errors.notFound('The message replied to')
      posted.replyTo = opts.replyTo
    }
    const { seq, part } = await this.write((queue) => queue.post(posted))
    return this.posted(seq, part)
  }

  /** The message this device just appended, as it entered the view. */
  async posted (seq: number, part?: number): Promise<Message> {
    const message = await this.reader.own(seq, part)
    if (message === null) throw new LinkUpError('NOT_FOUND', 'The message was written but is not in the view')
    return message
  }

  private assertOpen (): void {
    if (this.interruption !== null) throw this.interruption
    if (this.closing !== null || this.base.closed) throw errors.closed()
  }

  /** Queues a write as a writer of the room, in this device's next group-committed append. */
  private async write (op: (queue: AppendQueue) => Promise<Appended>): Promise<Appended> {
    this.assertOpen()
    if (!this.base.writable && !(await this.regainWritable())) throw errors.notWritable()
    try {
      return await op(this.queue)
    } catch (err) {
      // Autobase says so in its own words when write access went away while queued.
      if (!this.base.writable) throw errors.notWritable()
      throw err
    }
  }

  /** Writes a file (bytes or a stream, up to 100 MB) to this user's drive and posts it. */
  sendFile (name: string, data: FileSource, mime?: string): Promise<Message> {
    return this.files.sendFile(name, data, mime)
  }

  /** Posts a voice message (an audio/* recording of durationMs milliseconds). */
  sendAudio (data: FileSource, mime: string, durationMs: number): Promise<Message> {
    return this.files.sendAudio(data, mime, durationMs)
  }

  /** The bytes of a file or audio message, from whichever peer online holds them. */
  readFile (message: Message, opts?: ReadOptions): Promise<Buffer> {
    return this.files.readFile(message, opts)
  }

  /** A stream of a file message's bytes, or of start..end (inclusive). */
  createFileStream (message: Message, opts?: StreamOptions): Promise<Readable> {
    return this.files.createFileStream(message, opts)
  }

  /** A file message's name, type, size and drive version, once its entry is found. */
  fileInfo (message: Message, opts?: ReadOptions): Promise<FileInfo> {
    return this.files.info(message, opts)
  }

  messages (opts: { limit?: number, before?: string } = {}): Promise<Message[]> {
    return this.reader.page(opts)
  }

  message (id: string): Promise<Message | null> {
    return this.reader.byId(id)
  }

  async createInvite (opts: { expiresInMs?: number } = {}): Promise<string> {
    const { expiresInMs } = opts
    if (expiresInMs !== undefined && !(Number.isSafeInteger(expiresInMs) && expiresInMs > 0)) {
      throw errors.invalid('expiresInMs must be a positive whole number of milliseconds')
    }
    const invite = createInvite(this.base.key, expiresInMs === undefined ? 0 : Date.now() + expiresInMs)
    const event: RoomEvent = { type: 'invite-created', v: 1, pub: invite.publicKey.toString('hex') }
    if (invite.expires !== 0) event.expires = invite.expires
    await this.append(event)
    return encodeInvite(invite)
  }

  /** Appends the join proof for this device's writer key (see Client.joinRoom); resolves to its seq. */
  appendJoin (invite: Invite): Promise<number> {
    return this.append({
      type: 'member-joined',
      v: 1,
      invite: invite.publicKey.toString('hex'),
      sig: signJoin(invite, this.base.local.key),
      ts: Date.now()
    }, { optimistic: true })
  }

  /**
   * Whether a peer has applied this device's block `seq`: for a join, that a member's copy of
   * the room admitted us. Our own copy may admit a join speculatively, before it has learnt
   * that the invite was revoked; a member that already knows refuses it.
   */
  confirmedByPeer (seq: number): boolean {
    return this.peerState.seenByPeers() >= seq
  }

  /**
   * Why a pending join cannot succeed, once this device has seen the room; null if it still
   * can. A ban or a revocation is final. An invite this device has not seen may still be on
   * its way (the member we synced from may not have it yet), so `unknown` says whether to
   * count that as a refusal too.
   */
  async joinRefusal (invite: Invite, opts: { unknown?: boolean } = {}): Promise<LinkUpError | null> {
    if (await this.meta() === null) return null // not synced with any member yet
    if (await this.get<BanRecord>(keys.ban(this.writerKey)) !== null) return errors.banned()
    const record = await this.get<InviteRecord>(keys.invite(invite.publicKey.toString('hex')))
    if (record === null) return opts.unknown === true ? errors.inviteUnknown() : null
    if (record.revoked === true) return errors.inviteRevoked()
    return null
  }

  async removeMember (key: string): Promise<void> {
    if (!this.isOwner) throw errors.notOwner()
    if (!isHex32(key) || key === this.writerKey) throw errors.invalid('That is not a member who can be removed')
    if (await this.get<MemberRecord>(keys.member(key)) === null) throw errors.notFound('That member')
    await this.append({ type: 'member-removed', v: 1, key })
  }

  async members (): Promise<Member[]> {
    const online = this.peerState.onlineWriters()
    const out: Member[] = []
    for await (const { key, value } of this.view.createReadStream(ranges.members)) {
      const writer = key.slice('member/'.length)
      const user = await this.get<UserRecord>(keys.user(writer))
      out.push({
        key: writer,
        name: user?.name ?? null,
        role: (value as MemberRecord).role,
        hasAvatar: user?.avatar !== undefined,
        online: online.has(writer)
      })
    }
    return out
  }

  async avatar (key: string): Promise<{ mime: string, data: Buffer } | null> {
    const record = await this.get<AvatarRecord>(keys.avatar(key))
    return record === null ? null : { mime: record.mime, data: Buffer.from(record.data, 'base64') }
  }

  /** Publishes this device's profile in the room, unless the view already has it. */
  async publishProfile (extra: { drive?: string } = {}): Promise<void> {
    const profile = this.ctx.profile()
    if (profile === null || !this.base.writable) return
    extra = { drive: extra.drive ?? this.files.driveKey }
    const current = await this.get<UserRecord>(keys.user(this.writerKey))
    const avatar = profile.avatar ?? null
    const unchanged = current !== null && current.name === profile.name &&
      (current.avatar ?? null) === (avatar?.mime ?? null) && (extra.drive === undefined || current.drive === extra.drive)
    if (unchanged && avatar === null) return
    if (unchanged && avatar !== null) {
      const stored = await this.get<AvatarRecord>(keys.avatar(this.writerKey))
      if (stored?.data === avatar.data) return
    }
    const event: RoomEvent = { type: 'profile-set', v: 1, name: profile.name, avatar }
    if (extra.drive !== undefined) event.drive = extra.drive
    await this.append(event)
  }

  /** Hides, on this device only, every message it has seen so far. */
  async clear (): Promise<void> {
    await this.ctx.local.setCleared(this.id, await this.reader.readClock())
    this.emit('cleared')
  }

  /** Round trip to each peer in the room. */
  ping (): Promise<Array<{ key: string, rtt: number }>> {
    return this.peerState.ping()
  }

  close (): Promise<void> {
    if (this.closing === null) this.closing = this.doClose()
    return this.closing
  }

  private async doClose (): Promise<void> {
    this.peerState.unlisten()
    this.viewDownload?.destroy()
    await this.queue.drained().catch(() => {})
    await this.reader.close()
    await this.base.close()
    await this.files.close()
  }

  /**
   * Writability drops for a moment when a reorder re-applies this device's own join (several
   * devices joining at once do that): wait for it to come back, up to WRITABLE_GRACE_MS. A
   * removed member (banned in the view) is refused at once.
   */
  private async regainWritable (): Promise<boolean> {
    if (await this.get<BanRecord>(keys.ban(this.writerKey)) !== null) return false
    return new Promise((resolve) => {
      const done = (ok: boolean): void => {
        clearTimeout(timer)
        this.base.off('update', check)
        resolve(ok)
      }
      const check = (): void => { if (this.base.writable) done(true) }
      const timer = setTimeout(() => done(this.base.writable), WRITABLE_GRACE_MS)
      this.base.on('update', check)
      check()
    })
  }

  private async get<T> (key: string): Promise<T | null> {
    const entry = await this.view.get(key)
    return entry === null ? null : entry.value as T
  }

  private onupdate (): void {
    this.peerState.updated()
  }

  private warn (err: unknown): void {
    if (this.closing !== null) return
    this.emit('warning', err)
  }
}
