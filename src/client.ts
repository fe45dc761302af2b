// The LinkUp client: one Corestore, one network, and the rooms of this user. The web node
// and bots both run it; it owns the lifecycle of everything below it.
import ReadyResource from 'ready-resource'
import fs from 'fs/promises'
import path from 'path'
import type Corestore from 'corestore'
import { Network } from './network/swarm.js'
import { LocalState } from './local-state.js'
import { FirstSeen } from './first-seen.js'
import { AttentionState, type NotifyLevel, type NotifySettings } from './attention/attention-state.js'
import type { Room } from './room.js'
import { MessageSearch, type SearchQueryOptions, type SearchResult } from './search/message-search.js'
import { errors } from './errors.js'
import { describeError, silentLogger, type Logger } from './log.js'

export type { ClientOptions, Profile } from './client-options.js'
import { openStore, flushStore } from './storage.js'
import { watchDisk } from './client-disk.js'
import { storageFailure } from './storage-errors.js'
import { DiskSpace, DEFAULT_RESERVE_BYTES } from './disk-space.js'
import { Seeding } from './seed/seeding.js'
import { seederKey } from './seed/room-seeders.js'
import { StateRecovery } from './state-recovery.js'
import { People, savedProfile } from './client-people.js'
import type { DeviceIdentity, OpenAsDeviceOptions } from './client-devices.js'
import type { ClientOptions, Profile } from './client-options.js'
import { ClientAccount, accountHost, type Device } from './client-account.js'
import { ClientRooms, need } from './client-rooms.js'

/**
 * Events: 'room' (Room) when one is added, 'room-removed' (Room), 'contact' (key) when this
 * user's nickname or verification of a key changed; 'deviceRemoved' when another device of the
 * account removed this one (docs/architecture.md §16.4); 'failure' (LinkUpError) when the
 * storage turns out damaged as a room opens after ready(); 'ready' and 'close'.
 */
export class Client extends ReadyResource {
  readonly storage: string
  private readonly opts: ClientOptions
  private readonly log: Logger
  private readonly disk: DiskSpace
  private store: Corestore | null = null
  private network: Network | null = null
  private seeding: Seeding | null = null
  private readonly seederKeys: readonly string[]
  private local: LocalState | null = null
  private firstSeen: FirstSeen | null = null
  private attention: AttentionState | null = null
  /** The search index of every room here (local, kept in search-index.json: docs/architecture.md §15.2). */
  private readonly finder = new MessageSearch()
  /** The rooms of this device: made, opened, created, joined and left (client-rooms.ts). */
  private readonly list: ClientRooms
  /** This device's identity and account (docs/architecture.md §16). */
  private account: ClientAccount | null = null

  constructor (opts: ClientOptions) {
    super()
    if (typeof opts?.storage !== 'string' || opts.storage.length === 0) throw errors.invalid('storage is a directory path')
    this.opts = opts
    this.storage = path.resolve(opts.storage)
    this.log = opts.logger ?? silentLogger
    this.disk = new DiskSpace(this.storage, opts.minFreeBytes ?? DEFAULT_RESERVE_BYTES)
    if (opts.seeders !== undefined && !Array.isArray(opts.seeders)) throw errors.invalid('seeders is a list of seeder keys')
    this.seederKeys = [...new Set((opts.seeders ?? []).map(seederKey))]
    this.list = new ClientRooms({
      storage: this.storage,
      opts,
      log: this.log,
      disk: this.disk,
      finder: this.finder,
      seeders: this.seederKeys,
      store: () => this.store,
      network: () => this.network,
      local: () => this.local,
      attention: () => this.attention,
      firstSeen: () => this.firstSeen,
      seeding: () => this.seeding,
      account: () => this.account,
      device: () => this.peerKey,
      closing: () => this.closing !== null,
      emit: (event, arg) => this.emit(event, arg)
    })
  }

  // A failure tears down what was opened and says what is wrong with the storage and what to
  // do (storage-errors.ts): the CLI prints that one line (docs/architecture.md §11.5).
  protected override async _open (): Promise<void> {
    try {
      await this.openAll()
      if (this.opts.account !== false) await this.openAccount()
    } catch (err) {
      // ReadyResource closes only what opened. Closing a store that failed may throw the same
      // failure again (RocksDB reports its error at close too): the first one is the news.
      await this._close().catch((closeErr: unknown) => this.log.debug({ err: closeErr }, `closing after a failed start: ${describeError(closeErr)}`))
      const failure = storageFailure(err, this.storage, this.disk)
      if (failure === null || failure === err) throw err
      throw Object.assign(failure, { cause: err })
    }
  }

  private async openAll (): Promise<void> {
    await fs.mkdir(this.storage, { recursive: true, mode: 0o700 })
    // Opening writes: RocksDB writes out the log it replays and preallocates a new one (~18
    // MiB), every room's Autobase writes as it opens. Without the reserve free, stop here with
    // one clear line rather than half-way with a raw ENOSPC.
    await this.disk.sample()
    if (this.disk.full) throw errors.diskFullAtStart(this.storage, this.disk.free, this.disk.reserve)
    this.local = new LocalState(this.storage)
    this.firstSeen = new FirstSeen(this.storage, (err) => this.log.warn({ err }, 'could not write first-seen.json'))
    this.store = openStore(path.join(this.storage, 'corestore'))
    // Independent files: read together (each ~15 ms of a restart).
    this.attention = new AttentionState(this.storage)
    this.finder.keepIn(path.join(this.storage, 'search-index.json'), (msg, err) => this.log.warn({ err }, msg))
    const [loaded, , damaged, attentionDamaged] = await Promise.all([this.local.load(), this.store.ready(), this.firstSeen.load(), this.attention.load()])
    if (attentionDamaged !== null) this.log.warn({}, attentionDamaged)
    if (damaged !== null) this.log.warn({ err: damaged }, 'first-seen.json was damaged: started afresh (only the first-seen times of far-off clocks are lost)')
    // One swarm identity per storage, not per run: the DHT records a crashed or restarted run
    // left behind then name this node's own key (skipped by it, deduplicated by peers). With a
    // fresh key each run, a peer restarted 40 times spent over a minute dialling dead ones.
    const netOpts: ConstructorParameters<typeof Network>[0] = { store: this.store, keyPair: await this.store.createKeyPair('linkup-swarm') }
    if (this.opts.bootstrap !== undefined) netOpts.bootstrap = this.opts.bootstrap
    if (this.opts.dhtHost !== undefined) netOpts.dhtHost = this.opts.dhtHost
    this.network = new Network(netOpts)
    this.seeding = new Seeding({ dht: this.network.dht, store: this.store, wakeup: this.network.wakeup, gate: this.network.gate })
    // local-state.json missing, damaged or older than it was: the rooms' own records fill in.
    const recovery = loaded.from === this.local.file ? null : new StateRecovery(this.local, loaded, this.log)
    await recovery?.mergeRooms(this.store)
    // Every room is listed now, in its saved order, and opens in the background a few at a
    // time (client-rooms.ts); one asked for opens at once (docs/architecture.md §8). Opened one
    // after another before ready(), 100 rooms took 2.1 s to the first page.
    this.list.listSaved(this.local.rooms)
    await recovery?.finish(this.rooms) // reads the profile back from the rooms: opens them
    // Below the reserve: no writes and no syncing until the disk has room (client-disk.ts).
    watchDisk(this.disk, { storage: this.storage, log: this.log, seeding: () => this.seeding, network: () => this.network })
  }

  /** Resolves once every room listed at start has opened, or failed to (its calls say why). */
  roomsOpened (): Promise<void> {
    return this.list.opener.all()
  }

  get rooms (): Room[] { return [...this.list.map.values()] }
  room (id: string): Room | undefined { return this.list.map.get(id) }

  get profile (): Profile | null { return savedProfile(this.local?.profile ?? null) }

  get peerKey (): string { return this.net().swarm.keyPair.publicKey.toString('hex') }

  /** Sets the display name (and avatar) and publishes it in every room. */
  async setProfile (profile: { name: string, avatar?: { mime: string, data: Uint8Array } | null }): Promise<void> {
    await this.people().setProfile(profile)
    const saved = this.state().profile
    if (saved !== null) await this.account?.profileSet(saved)
  }

  /** What this user noted about a member's key (local only, never replicated). */
  contact (key: string): { nickname: string | null, verified: boolean } {
    return this.people().contact(key)
  }

  /**
   * Sets this user's nickname for a member's key, shown instead of the name they gave
   * themselves (null removes it). Local only: nobody else sees it. Emits 'contact' (key).
   */
  async setNickname (key: string, nickname: string | null): Promise<void> {
    await this.people().setNickname(key, nickname)
  }

  /**
   * Marks a member's key as verified (or not): do it after comparing its long fingerprint with
   * that person out of band (in person, on a call). Local only. Emits 'contact' (key).
   */
  async setVerified (key: string, verified: boolean): Promise<void> {
    await this.people().setVerified(key, verified)
  }

  /** The identity this device acts for from now on (null: none); new rooms and joins name it. */
  setIdentity (identity: DeviceIdentity | null): void { this.list.devices.set(identity) }

  /** Opens a room the identity is a member of, from this device, without an invite. */
  openRoomAsDevice (opts: OpenAsDeviceOptions): Promise<Room> { return this.list.devices.openRoom(opts) }

  private people (): People {
    // A room still opening publishes the profile as it opens (client-rooms.ts).
    return new People({ local: this.state(), disk: this.disk, rooms: () => this.rooms.filter(r => r.opened), contactChanged: (key) => this.emit('contact', key) })
  }

  /** Creates a room with this device (and its identity, if any) as its owner. */
  createRoom (name: string): Promise<Room> { return this.list.create(name) }

  /**
   * Joins with an invite token. Resolves once a member's copy of the room has admitted this
   * device (its join proof verified in apply), or rejects with a LinkUpError saying why not:
   * JOIN_TIMEOUT after `timeout` ms (default: the client's joinTimeout, 60 s) without a member
   * to admit it, JOIN_CANCELLED when `signal` aborts first.
   */
  joinRoom (token: string, name?: string, opts: { timeout?: number, signal?: AbortSignal } = {}): Promise<Room> {
    return this.list.join(token, name, opts)
  }

  /**
   * Leaves a room on this device: it stops syncing and disappears from the list. The owner is
   * refused with LAST_ADMIN (the room could never be handed over again) unless `anyway`; an
   * admin first steps down, so the room's signing stops counting on this device.
   */
  leaveRoom (id: string, opts: { anyway?: boolean } = {}): Promise<void> { return this.list.leave(id, opts) }

  // Order matters: the swarm first (no more replication), then the rooms, then the store.
  protected override async _close (): Promise<void> {
    this.list.opener.stop()
    this.disk.stop()
    this.disk.removeAllListeners()
    await this.list.handOver() // before the seeders' connections close
    await this.account?.close()
    await this.seeding?.close() // its connections go before the swarm's DHT does
    await this.network?.destroy()
    await this.finder.close() // writes the index first, if it changed
    await this.list.closeAll() // also a room half-way through joining
    // A room that finished opening while the swarm closed joined the wakeup protocol again, and
    // closing it starts the protocol's 2 s garbage-collection interval: ~10 s more of a process
    // that should exit (Ctrl+C on `linkup bot` while it joined). Destroying it again stops that.
    this.network?.wakeup.destroy()
    await this.local?.flushed().catch(() => {})
    await this.firstSeen?.flushed().catch(() => {})
    await this.attention?.flushed()
    await flushStore(this.store)
    await this.store?.close()
  }

  // One person, several devices (docs/architecture.md §16, README "Several devices"): the
  // account side is client-account.ts; these pass through to it.

  /** This person's identity key (hex): the same on every device of the account. */
  get identity (): string { return this.accountOrThrow().identity }
  /** Whether another device of the account removed this one ('deviceRemoved' said so). */
  get accountRemoved (): boolean { return this.account?.removed ?? false }
  /** A one-time code for linking a new device (one use, 10 minutes or `expiresInMs`). */
  linkDevice (opts: { expiresInMs?: number } = {}): Promise<{ code: string, expires: number }> { return this.accountOrThrow().linkDevice(opts) }
  /** On a new device: links it to the account whose device made `code` (its rooms follow). */
  joinAccount (code: string, opts: { timeout?: number, name?: string } = {}): Promise<void> { return this.accountOrThrow().joinAccount(code, opts) }
  /** The devices of this account, this one `current`. */
  devices (): Promise<Device[]> { return this.accountOrThrow().devices() }
  /** Removes another device of the account, from the account and from every room. */
  removeDevice (device: string): Promise<void> { return this.accountOrThrow().removeDevice(device) }
  /** Resolves once the account's rooms are open on this device (or failed to, this time). */
  async accountSettled (): Promise<void> { await this.account?.settled() }

  private async openAccount (): Promise<void> {
    this.account = new ClientAccount(accountHost(this, {
      storage: this.storage,
      store: this.storeOrThrow(),
      network: this.net(),
      log: this.log,
      local: () => this.state(),
      people: () => this.people(),
      leaveRoom: (id) => this.leaveRoom(id, { anyway: true })
    }))
    await this.account.open()
  }

  // Attention (docs/architecture.md §15): search over this device's rooms (src/search/, in
  // memory) and when this device notifies (attention.json, local only).

  /** Messages of every room here matching `query` (words, prefixes, near misses), newest first. */
  async search (query: string, opts: SearchQueryOptions = {}): Promise<SearchResult[]> {
    await this.list.opener.all() // every room's part: rooms open after ready() (docs/architecture.md §8)
    return await this.finder.search(query, opts)
  }

  /** Resolves once every room is open and in the search index (it builds in the background). */
  async searchReady (): Promise<void> {
    await this.list.opener.all()
    await this.finder.built()
  }
  /** When this device notifies: overall, and per room where set. */
  get notifications (): Readonly<NotifySettings> { return this.attentionState().notify }

  /** Sets the overall level (no room) or one room's (null: back to the overall one). */
  async setNotifications (level: NotifyLevel | null, roomId?: string): Promise<void> {
    if (roomId !== undefined && !this.list.map.has(roomId)) throw errors.notFound('The room')
    await this.attentionState().setNotify(roomId ?? null, level)
    this.emit('notifications', this.notifications)
  }

  /** Whether this device sends "typing" to peers and shows theirs (local only, docs/architecture.md §15.4). */
  get typingIndicators (): boolean { return this.attentionState().typing }

  async setTypingIndicators (on: boolean): Promise<void> {
    await this.attentionState().setTyping(on)
    this.emit('typing-indicators', on)
  }

  // The parts opened by _open: a call after close (or before open) is CLOSED.
  private attentionState (): AttentionState { return need(this.attention) }
  private state (): LocalState { return need(this.local) }
  private net (): Network { return need(this.network) }
  private storeOrThrow (): Corestore { return need(this.store) }
  private accountOrThrow (): ClientAccount {
    if (this.account === null && this.opened && !this.closing) throw errors.notAllowed('This client runs without an account (new Client({ account: false }))')
    return need(this.account)
  }
}
