// The account side of one person on several devices (docs/architecture.md §16.1, §16.3, §16.4,
// §16.6), for the Client: this device's identity and certificate, the account base, linking a
// device, following the account's rooms, and removing a device.
import crypto from 'hypercore-crypto'
import type Corestore from 'corestore'
import type { Network } from './network/swarm.js'
import type { Room } from './room.js'
import type { Client } from './client.js'
import type { LocalState } from './local-state.js'
import type { People } from './client-people.js'
import type { Logger } from './log.js'
import { describeError, short } from './log.js'
import { errors } from './errors.js'
import { signDeviceCert } from '../views/device-cert.js'
import { AccountBase } from './account/account-base.js'
import { AccountProfileSync } from './account/account-profile.js'
import { recertify, certifyAllByIdentity } from './account/account-certs.js'
import { AccountStore, type AccountFile } from './account/account-file.js'
import { AccountRooms, type RoomsHost } from './account/account-rooms.js'
import { DeviceLinking, deviceName, newNamespace } from './account/device-linking.js'
import type { AccountProfile } from './account/account-keys.js'
import { isHex32 } from '../views/limits.js'
import { untilOrAfter } from './until-or-after.js'

export interface AccountHost extends RoomsHost {
  storage: string
  store: Corestore
  network: Network
  log: Logger
  /** The local profile, to start the account's from. */
  profile: () => AccountProfile | null
  /** The account's profile changed on another device: take it here (without writing it back). */
  takeProfile: (profile: { name: string, avatar: { mime: string, data: Uint8Array } | null }) => Promise<void>
  /** Client emits 'deviceRemoved'. */
  onRemoved: () => void
  /** Resolves once the rooms listed at start have opened (or failed to). */
  roomsOpened: () => Promise<void>
}

/** The Client's parts the account host is made of (Client.openAccount). */
export interface ClientParts {
  storage: string
  store: Corestore
  network: Network
  log: Logger
  local: () => LocalState
  people: () => People
  leaveRoom: (id: string) => Promise<void>
}

export function accountHost (client: Client, p: ClientParts): AccountHost {
  return {
    storage: p.storage,
    store: p.store,
    network: p.network,
    log: p.log,
    client,
    profile: () => p.local().profile ?? null,
    takeProfile: (profile) => p.people().setProfile(profile),
    onRemoved: () => client.emit('deviceRemoved'),
    roomsOpened: () => client.roomsOpened(),
    rooms: () => client.rooms,
    named: (id) => p.local().rooms[id]?.named ?? true,
    leaveRoom: p.leaveRoom
  }
}

/**
 * How long a restart's account base waits for the rooms before opening anyway (a room whose open
 * hangs must not keep the account shut).
 */
const BASE_AFTER_ROOMS_MS = 5000

/** A device of the account, as the SDK shows it. */
export interface Device { key: string, name: string, linked: number, current: boolean }

export class ClientAccount {
  private readonly host: AccountHost
  private readonly file: AccountStore
  private state: AccountFile | null = null
  private account: AccountBase | null = null
  private links: DeviceLinking | null = null
  private readonly rooms: AccountRooms
  /** The profile shared with the account's other devices (account/account-profile.ts). */
  private readonly profile: AccountProfileSync
  /** Settles once the account base is open and in use, or failed to open, or the account closed. */
  #baseOpened: Promise<void> = Promise.resolve()
  #failure: unknown = null
  #closing = false
  /** Something needs the base, or the account closes: a restart stops waiting for the rooms. */
  #now: () => void = () => {}
  readonly #needed = new Promise<void>((resolve) => { this.#now = resolve })
  /**
   * While a restart's base is not open: the room-added, room-left and profile-set asked for
   * meanwhile, in order. They go into the base before it is followed (a room left here must be
   * marked left before following the account could open it again).
   */
  #pending: Array<{ run: () => Promise<void>, fail: (err: unknown) => void }> | null = null

  constructor (host: AccountHost) {
    this.host = host
    this.file = new AccountStore(host.storage)
    this.rooms = new AccountRooms(host, () => this.account)
    this.profile = new AccountProfileSync(host)
  }

  get device (): string { return this.host.network.keyPair.publicKey.toString('hex') }
  /** This person's identity key (hex). */
  get identity (): string { return this.saved().identity.publicKey }
  /** Whether another device removed this one (known once the account base is open). */
  get removed (): boolean { return this.account?.removed ?? false }

  /**
   * Loads this device's account, or makes one on a first start (and binds existing rooms: §16.6).
   * On a restart the identity comes from the file and the account base opens once the rooms
   * have (docs/architecture.md §16.3): its Autobase open cost the first page ~13 ms of CPU, for
   * news from the other devices that can wait that long. A call that needs the base opens it at
   * once; room-added, room-left and profile-set go in before the account is followed.
   */
  async open (): Promise<void> {
    this.links = new DeviceLinking({
      network: this.host.network,
      store: this.host.store,
      log: this.host.log,
      file: this.file,
      state: () => this.saved(),
      base: () => this.base(),
      signer: () => this.signer(),
      rooms: () => this.host.rooms(),
      openBase: (state) => this.openBase(state)
    })
    const saved = await this.file.load()
    if (saved === null) await this.create()
    else {
      this.state = saved
      this.host.client.setIdentity({ key: saved.identity.publicKey, cert: saved.cert })
      this.#pending = []
      this.#baseOpened = this.openAfterRooms(saved).catch((err: unknown) => {
        this.#failure = err
        for (const op of this.#pending ?? []) op.fail(err)
        this.#pending = null
        this.host.log.warn({ err }, `opening the account: ${describeError(err)}`)
      })
    }
    this.migrate().catch((err: unknown) => this.host.log.warn({ err }, `binding this device in its rooms: ${describeError(err)}`))
  }

  // A new identity I (random: it can be exported later), this device's certificate by I, and a
  // new account base with this device as its only writer, its rooms and profile.
  private async create (): Promise<void> {
    const identity = crypto.keyPair()
    const I = identity.publicKey.toString('hex')
    const cert = signDeviceCert(identity, I, this.device)
    const state: AccountFile = {
      identity: { publicKey: I, secretKey: identity.secretKey.toString('hex') },
      cert,
      account: { key: '', encryptionKey: crypto.randomBytes(32).toString('hex'), namespace: newNamespace() },
      invites: [],
      toBind: this.host.rooms().map(r => r.id)
    }
    const base = await this.openBase(state)
    state.account.key = base.id
    await base.append({ type: 'account-created', v: 1, identity: I, device: this.device, name: deviceName(), cert, ts: Date.now() })
    const profile = this.host.profile()
    if (profile !== null) await base.append({ type: 'profile-set', v: 1, ...profile })
    for (const room of this.host.rooms()) await this.rooms.added(room)
    await this.file.save(state)
    await this.use(state, base)
    this.host.log.debug({ identity: short(I) }, 'made this device\'s identity and account')
  }

  private async openAfterRooms (saved: AccountFile): Promise<void> {
    await untilOrAfter(Promise.race([this.host.roomsOpened(), this.#needed]), BASE_AFTER_ROOMS_MS)
    if (this.#closing && this.#pending?.length === 0) {
      this.#pending = null
      return
    }
    const base = await this.openBase(saved)
    this.account = base // close() closes it from here on
    const pending = this.#pending ?? []
    for (let op = pending.shift(); op !== undefined; op = pending.shift()) await op.run()
    this.#pending = null
    if (this.#closing) return
    await this.use(saved, base)
  }

  /** `op` now, or, while a restart's base is not open, queued for it (and the base opened now). */
  private async beforeFollowing<T> (op: () => Promise<T>): Promise<T> {
    const pending = this.#pending
    if (pending === null) return await op()
    return await new Promise<T>((resolve, reject) => {
      pending.push({ run: async () => { try { resolve(await op()) } catch (err) { reject(err) } }, fail: reject })
      this.#now()
    })
  }

  /** The account base, once open (a restart opens it after the rooms). */
  private async opened (): Promise<AccountBase> {
    await this.baseSettled()
    if (this.account === null && this.#failure !== null) throw this.#failure
    return this.base()
  }

  /** Settles once the base is open (now, if a restart was still waiting for the rooms) or failed to. */
  private async baseSettled (): Promise<void> {
    this.#now()
    await this.#baseOpened
  }

  private async openBase (state: AccountFile): Promise<AccountBase> {
    const base = new AccountBase({
      store: this.host.store,
      namespace: state.account.namespace,
      key: state.account.key === '' ? null : Buffer.from(state.account.key, 'hex'),
      encryptionKey: Buffer.from(state.account.encryptionKey, 'hex'),
      network: this.host.network,
      device: this.device
    })
    await base.ready()
    return base
  }

  private async use (state: AccountFile, base: AccountBase): Promise<void> {
    this.state = state
    this.account = base
    this.host.client.setIdentity({ key: state.identity.publicKey, cert: state.cert })
    base.on('removed', () => this.host.onRemoved())
    base.on('update', () => {
      this.certifyByIdentity().catch((err: unknown) => this.host.log.warn({ err }, `certifying devices: ${describeError(err)}`))
      this.rooms.follow()
      this.profile.follow(this.account).catch((err: unknown) => this.host.log.warn({ err }, `taking the account's profile: ${describeError(err)}`))
    })
    await this.profile.seen(base)
    this.links?.listenWhileLive()
    if (base.removed) this.host.onRemoved()
    this.rooms.follow()
  }

  // §16.6: a device-bound in every room this device was in before it had an identity, once.
  private async migrate (): Promise<void> {
    const state = this.saved()
    for (const id of [...state.toBind]) {
      const room = this.host.rooms().find(r => r.id === id)
      if (room !== undefined) await room.bindDevice()
      state.toBind = state.toBind.filter(x => x !== id)
      await this.file.save(state)
    }
  }

  // The account this device had on its own (a first start) gives way to the one it joined.
  /** A one-time code for linking a new device: one use, 10 minutes (or `expiresInMs`, less). */
  async linkDevice (opts: { expiresInMs?: number } = {}): Promise<{ code: string, expires: number }> {
    await this.opened()
    return await this.linksOrThrow().linkDevice(opts)
  }

  /**
   * Links this (new) device to the account whose code it was given: afterwards it acts for that
   * identity and follows its rooms. Nothing changes here on failure.
   */
  async joinAccount (code: string, opts: { timeout?: number, name?: string } = {}): Promise<void> {
    await this.opened()
    const joined = await this.linksOrThrow().joinAccount(code, opts)
    if (joined === null) return
    await this.replace(joined.state, joined.base)
    this.host.log.info({ identity: short(joined.state.identity.publicKey) }, 'linked this device to an account')
  }

  private async replace (state: AccountFile, base: AccountBase): Promise<void> {
    const old = this.account
    this.account = null
    old?.removeAllListeners()
    await old?.close().catch(() => {})
    await this.links?.stop()
    await this.file.save(state)
    await this.use(state, base)
    const profile = await base.profile()
    if (profile !== null) await this.profile.take(profile)
  }

  /** This account's devices, this one marked `current`. */
  async devices (): Promise<Device[]> {
    return (await (await this.opened()).devices()).map(d => ({ key: d.key, name: d.name, linked: d.linked, current: d.key === this.device }))
  }

  /**
   * Removes another device of the account: from the account base (it stops syncing the
   * account), then from every room (its writers are no longer accepted there: §16.4).
   */
  async removeDevice (device: string): Promise<void> {
    const account = await this.opened()
    if (!isHex32(device)) throw errors.invalid('A device is named by its 64-character hex key')
    if (device === this.device) throw errors.notAllowed('A device cannot remove itself: remove it from another device of the account')
    if (account.removed) throw errors.deviceRemoved()
    const devices = await account.devices()
    if (!devices.some(d => d.key === device)) throw errors.notFound('The device')
    // Devices whose every certificate came from the one going get one from this device (§16.4).
    await recertify(this.base(), () => this.signer(), this.identity, this.device, devices, device)
    await account.append({ type: 'device-removed', v: 1, device, ts: Date.now() })
    for (const room of this.host.rooms()) {
      await room.removeDevice(device).catch((err: unknown) => room.emit('warning', err))
    }
    this.host.log.info({ device: short(device) }, 'removed a device from the account')
  }

  /** A room created or joined here. */
  async roomAdded (room: Room): Promise<void> {
    await this.beforeFollowing(async () => await this.rooms.added(room)).catch((err: unknown) => this.host.log.warn({ err }, `adding a room to the account: ${describeError(err)}`))
  }

  /** A room left here. */
  async roomLeft (id: string): Promise<void> {
    await this.beforeFollowing(async () => await this.rooms.left(id)).catch((err: unknown) => this.host.log.warn({ err }, `leaving a room in the account: ${describeError(err)}`))
  }

  /** The profile set here goes to the account (the other devices take it). */
  async profileSet (profile: AccountProfile): Promise<void> {
    await this.beforeFollowing(async () => await this.profile.set(this.account, profile))
  }

  /** Resolves once the rooms the account has are open here (or failed to open this time). */
  async settled (): Promise<void> {
    await this.baseSettled()
    await this.rooms.settled()
  }

  async close (): Promise<void> {
    this.#closing = true
    await this.baseSettled() // not waiting for the rooms: they close after the account
    this.rooms.stop()
    await this.links?.close().catch(() => {})
    await this.account?.close().catch(() => {})
    await this.file.flushed()
  }

  /**
   * Who signs the certificates this device gives: the identity where its secret is here (the
   * first device), so the certificate holds in every room, even one a device makes alone;
   * otherwise this device (it holds in the rooms where this device is bound).
   */
  private signer (): { publicKey: Buffer, secretKey: Buffer } {
    const { publicKey, secretKey } = this.saved().identity
    if (secretKey === undefined) return this.host.network.keyPair
    return { publicKey: Buffer.from(publicKey, 'hex'), secretKey: Buffer.from(secretKey, 'hex') }
  }

  // The device holding the identity's secret certifies by the identity every device that has
  // no such certificate yet; every device acts with the best certificate it has (one by I).
  private async certifyByIdentity (): Promise<void> {
    const account = this.account
    const state = this.state
    if (account === null || state === null || account.removed) return
    const I = state.identity.publicKey
    if (state.identity.secretKey !== undefined && account.writable) await certifyAllByIdentity(account, () => this.signer(), I)
    const mine = (await account.certs(this.device)).find(c => c.by === I)
    if (mine === undefined || state.cert.by === I) return
    state.cert = mine
    await this.file.save(state)
    this.host.client.setIdentity({ key: I, cert: mine })
  }

  private linksOrThrow (): DeviceLinking {
    if (this.links === null) throw errors.closed()
    return this.links
  }

  private saved (): AccountFile {
    if (this.state === null) throw errors.closed()
    return this.state
  }

  private base (): AccountBase {
    if (this.account === null) throw errors.closed()
    return this.account
  }
}

