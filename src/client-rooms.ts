// The Client's list of rooms (docs/architecture.md §8): each room made with the node's parts,
// the saved ones opened in the background (room-opener.ts), a room created, joined, added,
// left and dropped, and which identity this device acts for in them (client-devices.ts).
// Client's createRoom, joinRoom, leaveRoom and roomsOpened, behind one-line calls.
import crypto from 'crypto'
import type Corestore from 'corestore'
import type { Network } from './network/swarm.js'
import type { LocalState } from './local-state.js'
import type { LocalRoom } from './local-state-file.js'
import type { FirstSeen } from './first-seen.js'
import type { AttentionState } from './attention/attention-state.js'
import type { MessageSearch } from './search/message-search.js'
import type { Seeding } from './seed/seeding.js'
import type { DiskSpace } from './disk-space.js'
import type { ClientOptions } from './client-options.js'
import type { ClientAccount } from './client-account.js'
import type { RoomContext } from './room-context.js'
import { Room, DEFAULT_ALIAS } from './room.js'
import { roomInternals } from './room-internals.js'
import { RoomOpener } from './room-opener.js'
import { ClientDevices } from './client-devices.js'
import { decodeInvite } from './invite.js'
import { errors, type LinkUpError } from './errors.js'
import { describeError, short, type Logger } from './log.js'
import { stepDownToLeave } from './client-leave.js'
import { storageFailure } from './storage-errors.js'
import { ensureRoomRecord } from './room-records.js'
import { newRoomKey } from './seed/encryption.js'
import { isName, LIMITS } from '../views/schema.js'
import { wellFormed } from '../views/limits.js'

const DEFAULT_JOIN_TIMEOUT_MS = 60_000
/**
 * Rooms opened at once in the background after ready(). Opening is CPU-bound: 8 at a time
 * overlapped storage reads (100 rooms 1.8 s against 2.5 s one at a time), but a room asked for
 * then shared the CPU with 8 others (its first page 0.3–1.0 s at 100 rooms, load 10).
 */
const OPEN_AT_ONCE = 2
/** The failures of the storage itself: the node cannot go on (the CLI exits 1 on them). */
const STORAGE_FAILURES = new Set<string>(['STORAGE_DAMAGED', 'STORAGE_IN_USE', 'STORAGE_COPIED', 'DISK_FULL'])

/** The Client's parts a room is made of; each null before the Client opens and after it closes. */
export interface ClientRoomsHost {
  storage: string
  opts: ClientOptions
  log: Logger
  disk: DiskSpace
  finder: MessageSearch
  seeders: readonly string[]
  store: () => Corestore | null
  network: () => Network | null
  local: () => LocalState | null
  attention: () => AttentionState | null
  firstSeen: () => FirstSeen | null
  seeding: () => Seeding | null
  account: () => ClientAccount | null
  /** This device's key D (its network key, hex). */
  device: () => string
  closing: () => boolean
  /** Client emits 'room', 'room-removed' and 'failure'. */
  emit: (event: 'room' | 'room-removed' | 'failure', arg: Room | LinkUpError) => void
}

export class ClientRooms {
  readonly map = new Map<string, Room>()
  /** Every room opened and not yet closed, also those still being created or joined. */
  readonly live = new Set<Room>()
  /** The rooms of the list, opened in the background after ready() (room-opener.ts). */
  readonly opener = new RoomOpener(OPEN_AT_ONCE, {
    opened: (room) => this.openedSaved(room),
    failed: (room, err) => this.roomFailed(room, err)
  })

  /** Which identity this device acts for, and opening its rooms here (docs/architecture.md §16). */
  readonly devices: ClientDevices
  private readonly host: ClientRoomsHost

  constructor (host: ClientRoomsHost) {
    this.host = host
    this.devices = new ClientDevices({
      device: host.device,
      room: (id) => this.map.get(id),
      open: async (key, alias, encryptionKey) => { const room = this.make(key, newNamespace(), alias ?? DEFAULT_ALIAS, alias !== undefined, encryptionKey); await room.ready(); return room },
      abandon: async (room) => { await host.network()?.leave(room.id); await room.close() },
      add: async (room) => { await this.add(room); await this.publishIn(room) },
      joinTimeout: () => host.opts.joinTimeout ?? DEFAULT_JOIN_TIMEOUT_MS
    })
  }

  /** Lists every saved room, in its saved order, and starts opening them in the background. */
  listSaved (saved: Readonly<Record<string, LocalRoom>>): void {
    this.map.clear()
    for (const [id, room] of Object.entries(saved)) {
      this.map.set(id, this.make(Buffer.from(id, 'hex'), room.namespace, room.alias, room.named ?? room.alias !== DEFAULT_ALIAS))
    }
    this.opener.start([...this.map.values()])
  }

  // A storage that turns out damaged (or gone, or full) only as a room opens, after ready():
  // 'failure' says so in the words ready() would have used (`linkup serve` stops on it).
  private roomFailed (room: Room, err: unknown): void {
    if (this.host.closing()) return
    const failure = storageFailure(err, this.host.storage, this.host.disk)
    this.host.log.warn({ err, room: short(room.id) }, `room ${room.alias} could not open: ${describeError(failure ?? err)}`)
    if (failure !== null && STORAGE_FAILURES.has(failure.code)) this.host.emit('failure', failure === err ? failure : Object.assign(failure, { cause: err }))
  }

  /**
   * A room of the list, once open: in the search index, its storage record written if missing
   * (room-records.ts), this user's profile published.
   */
  private async openedSaved (room: Room): Promise<void> {
    const saved = this.host.local()?.rooms[room.id]
    if (saved === undefined || this.map.get(room.id) !== room) return // left meanwhile
    this.host.finder.add(room, () => need(this.host.local()).cleared(room.id))
    await ensureRoomRecord(roomInternals(room).base.local, saved)
    this.publishIn(room).catch(() => {})
  }

  async create (name: string): Promise<Room> {
    const alias = typeof name === 'string' ? wellFormed(name) : name
    if (!isName(alias, LIMITS.aliasChars)) throw errors.badName('A room name', LIMITS.aliasChars)
    this.host.disk.assertRoom()
    const room = this.make(null, newNamespace(), alias, true, this.host.opts.encryptRooms === false ? null : newRoomKey())
    await room.ready()
    await roomInternals(room).writer.append({ type: 'room-created', v: 1, alias })
    // The owner is the person (§16.6); a certificate this room cannot check fails here, not later.
    if (this.devices.identity !== null) await room.bindDevice().catch(async (err: unknown) => { await this.host.network()?.leave(room.id); await room.close(); throw err })
    await this.add(room)
    await this.publishIn(room)
    this.host.log.info({ room: short(room.id), alias }, 'room created')
    return room
  }

  async join (token: string, name?: string, opts: { timeout?: number, signal?: AbortSignal } = {}): Promise<Room> {
    const invite = decodeInvite(token)
    if (invite.expires !== 0 && invite.expires < Date.now()) throw errors.inviteExpired()
    const alias = typeof name === 'string' ? wellFormed(name) : name
    if (alias !== undefined && !isName(alias, LIMITS.aliasChars)) throw errors.badName('A room name', LIMITS.aliasChars)
    const existing = this.map.get(invite.roomKey.toString('hex'))
    if (existing !== undefined) return existing
    this.host.disk.assertRoom()
    const room = this.make(invite.roomKey, newNamespace(), alias ?? DEFAULT_ALIAS, alias !== undefined, invite.encryptionKey)
    await room.ready()
    try {
      const wait: { timeout: number, signal?: AbortSignal } = { timeout: opts?.timeout ?? this.host.opts.joinTimeout ?? DEFAULT_JOIN_TIMEOUT_MS }
      if (opts?.signal !== undefined) wait.signal = opts.signal
      await roomInternals(room).membership.join(invite, wait)
    } catch (err) {
      await this.host.network()?.leave(room.id)
      await room.close()
      throw err
    }
    // Admitted means this copy holds the room's record (Membership.join): the room takes its
    // name from it unless one was chosen, and follows it later if need be (room-name.ts).
    if (alias === undefined) await roomInternals(room).followName()
    await this.add(room)
    await this.publishIn(room)
    this.host.log.info({ room: short(room.id), alias: room.alias }, 'joined the room')
    return room
  }

  async leave (id: string, opts: { anyway?: boolean } = {}): Promise<void> {
    const room = this.map.get(id)
    if (room === undefined) throw errors.notFound('The room')
    await room.ready().catch(() => {}) // one that cannot open can still be left (below)
    if (!room.opened) return await this.drop(room)
    await stepDownToLeave(room, opts?.anyway === true)
    if (this.map.get(id) !== room) return // left meanwhile
    await roomInternals(room).forget().catch((err: unknown) => room.emit('warning', err))
    await this.drop(room)
  }

  /** Takes a room off this device's list and closes it. */
  private async drop (room: Room): Promise<void> {
    const id = room.id
    if (this.map.get(id) !== room) return // left meanwhile
    this.map.delete(id)
    this.host.finder.remove(id)
    this.host.firstSeen()?.forget(id)
    await this.host.attention()?.forget(id)
    await need(this.host.local()).removeRoom(id)
    await this.host.account()?.roomLeft(id)
    await need(this.host.network()).leave(id)
    await room.close()
    this.host.log.info({ room: short(id), alias: room.alias }, 'left the room')
    this.host.emit('room-removed', room)
  }

  /** Each open room's seeders get a bounded moment to take what they lack (room-seeders.ts handOver). */
  async handOver (): Promise<void> {
    await Promise.all([...this.live].filter(r => r.opened && r.closing === null).map(r => roomInternals(r).handOver().catch(() => {})))
  }

  /** Closes every room opened, also one half-way through joining. */
  async closeAll (): Promise<void> {
    await Promise.all([...this.live].map(r => r.close()))
  }

  private make (key: Buffer | null, namespace: string, alias: string, named = true, encryptionKey?: Buffer | null): Room {
    const h = this.host
    const ctx: RoomContext = {
      store: need(h.store()),
      network: need(h.network()),
      local: need(h.local()),
      attention: need(h.attention()),
      firstSeen: need(h.firstSeen()),
      profile: () => h.local()?.profile ?? null,
      identity: () => this.devices.identity,
      leave: (id, opts) => this.leave(id, opts),
      logger: h.log,
      disk: h.disk,
      seeding: need(h.seeding()),
      seeders: h.seeders
    }
    if (h.opts.maxFileBytes !== undefined) ctx.maxFileBytes = h.opts.maxFileBytes
    const room = new Room(ctx, { key, namespace, alias, named, ...(encryptionKey === undefined ? {} : { encryptionKey }) })
    this.live.add(room)
    room.once('close', () => this.live.delete(room))
    return room
  }

  // The room is ours by now: a profile that cannot be published yet (write access lost for
  // a moment) is a warning, and goes out again at the next start or setProfile.
  private async publishIn (room: Room): Promise<void> {
    await roomInternals(room).publishProfile().catch((err: unknown) => room.emit('warning', err))
  }

  private async add (room: Room): Promise<void> {
    this.map.set(room.id, room)
    this.host.finder.add(room, () => need(this.host.local()).cleared(room.id))
    await roomInternals(room).save()
    await this.host.account()?.roomAdded(room)
    this.host.emit('room', room)
  }
}

/** A part opened by the Client's _open: a call after close (or before open) is CLOSED. */
export function need<T> (part: T | null): T {
  if (part === null) throw errors.closed()
  return part
}

function newNamespace (): string {
  return 'room-' + crypto.randomBytes(16).toString('hex')
}
