// The account side of one person on several devices (docs/architecture.md §16.1, §16.3, §16.4,
// §16.6), for the Client: this device's identity and certificate, the account base, linking a
// device, following the account's rooms, and removing a device.
import os from 'os'
import crypto from 'hypercore-crypto'
import type Corestore from 'corestore'
import type { Network } from './network/swarm.js'
import type { Room } from './room.js'
import type { Logger } from './log.js'
import { describeError, short } from './log.js'
import { errors } from './errors.js'
import { writerKeyOf } from './trust/proofs.js'
import { signDeviceCert } from '../views/device-cert.js'
import { isName } from '../views/schema.js'
import { AccountBase, type AccountDevice } from './account/account-base.js'
import { AccountStore, type AccountFile } from './account/account-file.js'
import { AccountRooms, type RoomsHost } from './account/account-rooms.js'
import { Linking, decodeCode, linkRequestData, requestLink, type LinkHost, type LinkRequest } from './account/linking.js'
import type { AccountProfile } from './account/account-keys.js'

const DEFAULT_LINK_TIMEOUT_MS = 60_000

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
}

/** A device of the account, as the SDK shows it. */
export interface Device { key: string, name: string, linked: number, current: boolean }

export class ClientAccount {
  private readonly host: AccountHost
  private readonly file: AccountStore
  private state: AccountFile | null = null
  private account: AccountBase | null = null
  private linking: Linking | null = null
  private readonly rooms: AccountRooms
  /** The account's profile as last seen (JSON): only a change there is taken here. */
  private seenProfile: string | null = null

  constructor (host: AccountHost) {
    this.host = host
    this.file = new AccountStore(host.storage)
    this.rooms = new AccountRooms(host, () => this.account)
  }

  get device (): string { return this.host.network.keyPair.publicKey.toString('hex') }
  /** This person's identity key (hex). */
  get identity (): string { return this.saved().identity.publicKey }
  get removed (): boolean { return this.account?.removed ?? false }

  /** Loads this device's account, or makes one on a first start (and binds existing rooms: §16.6). */
  async open (): Promise<void> {
    this.linking = new Linking(this.host.network.swarm)
    const saved = await this.file.load()
    if (saved === null) await this.create()
    else await this.use(saved, await this.openBase(saved))
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
    this.host.log.info({ identity: short(I) }, 'made this device\'s identity and account')
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
      this.followProfile().catch((err: unknown) => this.host.log.warn({ err }, `taking the account's profile: ${describeError(err)}`))
    })
    const profile = await base.profile()
    this.seenProfile = profile === null ? null : JSON.stringify(profile)
    this.listenWhileLive()
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

  /** A one-time code for linking a new device: one use, 10 minutes (or `expiresInMs`, less). */
  async linkDevice (opts: { expiresInMs?: number } = {}): Promise<{ code: string, expires: number }> {
    const account = this.base()
    if (account.removed) throw errors.deviceRemoved()
    const ttl = opts?.expiresInMs
    if (ttl !== undefined && !(Number.isSafeInteger(ttl) && ttl > 0)) throw errors.invalid('expiresInMs is a positive whole number of milliseconds')
    const { code, invite } = this.linkingOrThrow().createCode(account.key, Date.now(), ttl)
    const state = this.saved()
    state.invites = [...state.invites.filter(i => i.expires > Date.now() || i.usedBy !== undefined), invite].slice(-20)
    await this.file.save(state)
    this.listenWhileLive()
    this.host.log.info({ expires: invite.expires }, 'made a code to link a device')
    return { code, expires: invite.expires }
  }

  /**
   * Links this (new) device to the account whose code it was given: afterwards it acts for that
   * identity and follows its rooms. Nothing changes here on failure.
   */
  async joinAccount (code: string, opts: { timeout?: number, name?: string } = {}): Promise<void> {
    const { invite, discoveryKey } = decodeCode(code, Date.now())
    const name = opts?.name ?? deviceName()
    if (!isName(name)) throw errors.invalid('A device name has 1 to 64 characters, without control characters')
    const removed = this.base().removed
    if (!removed && discoveryKey.equals(this.base().discoveryKey)) return // this device is of that account already
    if (this.host.rooms().length > 0) throw errors.notAllowed('This device already has rooms of its own: link a new device (a fresh storage directory)')
    if (!removed && (await this.base().devices()).length > 1) throw errors.notAllowed('This device is linked with others already: remove it from that account first')
    const timeout = opts?.timeout ?? DEFAULT_LINK_TIMEOUT_MS
    const deadline = Date.now() + timeout
    const namespace = newNamespace()
    const writer = await localWriterKey(this.host.store.namespace(namespace))
    const userData = linkRequestData(discoveryKey, writer, this.host.network.keyPair, name)
    const paired = await requestLink(this.linkingOrThrow().pairing, invite, userData, timeout)
    if (paired.encryptionKey === null) throw errors.linkRefused()
    const state: AccountFile = {
      identity: { publicKey: '' },
      cert: { by: '', sig: '' },
      account: { key: paired.key.toString('hex'), encryptionKey: paired.encryptionKey.toString('hex'), namespace },
      invites: [],
      toBind: []
    }
    const base = await this.openBase(state)
    try {
      Object.assign(state, await linkedIn(base, this.device, deadline))
    } catch (err) {
      await base.close().catch(() => {})
      throw err
    }
    await this.replace(state, base)
    this.host.log.info({ identity: short(state.identity.publicKey) }, 'linked this device to an account')
  }

  // The account this device had on its own (a first start) gives way to the one it joined.
  private async replace (state: AccountFile, base: AccountBase): Promise<void> {
    const old = this.account
    this.account = null
    old?.removeAllListeners()
    await old?.close().catch(() => {})
    await this.linking?.stop()
    await this.file.save(state)
    await this.use(state, base)
    const profile = await base.profile()
    if (profile !== null) await this.takeProfile(profile)
  }

  /** This account's devices, this one marked `current`. */
  async devices (): Promise<Device[]> {
    return (await this.base().devices()).map(d => ({ key: d.key, name: d.name, linked: d.linked, current: d.key === this.device }))
  }

  /**
   * Removes another device of the account: from the account base (it stops syncing the
   * account), then from every room (its writers are no longer accepted there: §16.4).
   */
  async removeDevice (device: string): Promise<void> {
    const account = this.base()
    if (typeof device !== 'string' || !/^[0-9a-f]{64}$/.test(device)) throw errors.invalid('A device is named by its 64-character hex key')
    if (device === this.device) throw errors.notAllowed('A device cannot remove itself: remove it from another device of the account')
    if (account.removed) throw errors.deviceRemoved()
    const devices = await account.devices()
    if (!devices.some(d => d.key === device)) throw errors.notFound('The device')
    await this.recertify(devices, device)
    await account.append({ type: 'device-removed', v: 1, device, ts: Date.now() })
    for (const room of this.host.rooms()) {
      await room.removeDevice(device).catch((err: unknown) => room.emit('warning', err))
    }
    this.host.log.info({ device: short(device) }, 'removed a device from the account')
  }

  // Devices whose every certificate came from the one going get one from this device (§16.4).
  private async recertify (devices: AccountDevice[], going: string): Promise<void> {
    const account = this.base()
    const identity = this.identity
    for (const d of devices) {
      if (d.key === going || d.key === this.device) continue
      const certs = await account.certs(d.key)
      if (certs.some(c => c.by !== going)) continue
      await account.append({ type: 'cert-added', v: 1, device: d.key, cert: signDeviceCert(this.signer(), identity, d.key) })
    }
  }

  /** A room created or joined here. */
  async roomAdded (room: Room): Promise<void> {
    await this.rooms.added(room).catch((err: unknown) => this.host.log.warn({ err }, `adding a room to the account: ${describeError(err)}`))
  }

  /** A room left here. */
  async roomLeft (id: string): Promise<void> {
    await this.rooms.left(id).catch((err: unknown) => this.host.log.warn({ err }, `leaving a room in the account: ${describeError(err)}`))
  }

  /** The profile set here goes to the account (the other devices take it). */
  async profileSet (profile: AccountProfile): Promise<void> {
    const account = this.account
    if (account === null || !account.writable || account.removed) return
    const current = await account.profile()
    if (current !== null && sameProfile(current, profile)) return
    this.seenProfile = JSON.stringify(profile)
    await account.append({ type: 'profile-set', v: 1, ...profile })
  }

  /** Resolves once the rooms the account has are open here (or failed to open this time). */
  async settled (): Promise<void> {
    await this.rooms.settled()
  }

  async close (): Promise<void> {
    this.rooms.stop()
    await this.linking?.close().catch(() => {})
    await this.account?.close().catch(() => {})
    await this.file.flushed()
  }

  private linkHost (): LinkHost {
    return {
      discoveryKey: () => this.base().discoveryKey,
      invites: () => this.saved().invites,
      markUsed: async () => { await this.file.save(this.saved()) },
      mayLink: async (device) => !await this.base().banned(device),
      link: (request) => this.linkIn(request),
      answer: () => ({ key: this.base().key, encryptionKey: this.base().encryptionKey }),
      warn: (err) => this.host.log.warn({ err }, `answering a device link: ${describeError(err)}`)
    }
  }

  // Idempotent: a request delivered twice links the device once.
  private async linkIn (request: LinkRequest): Promise<void> {
    const account = this.base()
    if (await account.device(request.device) !== null) return
    const cert = signDeviceCert(this.signer(), this.identity, request.device)
    await account.append({ type: 'device-linked', v: 1, device: request.device, writer: request.writer, name: request.name, cert, ts: Date.now() })
    if (await account.device(request.device) === null) throw new Error('the account refused the new device')
    this.host.log.info({ device: short(request.device) }, 'linked a device')
    if (this.liveInvites().length === 0) this.linking?.stopSoon()
  }

  private async takeProfile (p: AccountProfile): Promise<void> {
    await this.host.takeProfile({ name: p.name, avatar: p.avatar === undefined ? null : { mime: p.avatar.mime, data: Buffer.from(p.avatar.data, 'base64') } })
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
    if (state.identity.secretKey !== undefined && account.writable) {
      for (const d of await account.devices()) {
        if ((await account.certs(d.key)).some(c => c.by === I)) continue
        await account.append({ type: 'cert-added', v: 1, device: d.key, cert: signDeviceCert(this.signer(), I, d.key) })
      }
    }
    const mine = (await account.certs(this.device)).find(c => c.by === I)
    if (mine === undefined || state.cert.by === I) return
    state.cert = mine
    await this.file.save(state)
    this.host.client.setIdentity({ key: I, cert: mine })
  }

  // The account's profile changed (on another device): take it here.
  private async followProfile (): Promise<void> {
    const profile = await this.account?.profile() ?? null
    if (profile === null) return
    const seen = JSON.stringify(profile)
    if (seen === this.seenProfile) return
    this.seenProfile = seen
    const local = this.host.profile()
    if (local === null || !sameProfile(local, profile)) await this.takeProfile(profile)
  }

  private saved (): AccountFile {
    if (this.state === null) throw errors.closed()
    return this.state
  }

  private base (): AccountBase {
    if (this.account === null) throw errors.closed()
    return this.account
  }

  private linkingOrThrow (): Linking {
    if (this.linking === null) throw errors.closed()
    return this.linking
  }

  // blind-pairing's member polls the DHT while it exists: only while a code of ours is live.
  private listenWhileLive (): void {
    const live = this.liveInvites()
    if (live.length === 0 || this.linking === null || this.account === null) return
    this.linking.listen(this.linkHost(), this.account.discoveryKey)
    this.linking.stopSoon(Math.max(...live.map(i => i.expires)) - Date.now() + 1000)
  }

  private liveInvites (): AccountFile['invites'] {
    return this.saved().invites.filter(i => i.usedBy === undefined && i.expires > Date.now())
  }
}

// Linked once the device's own record and a certificate for it are in its copy of the base.
async function linkedIn (base: AccountBase, device: string, deadline: number): Promise<Pick<AccountFile, 'identity' | 'cert'>> {
  return await new Promise((resolve, reject) => {
    const check = async (): Promise<void> => {
      const account = await base.account()
      const certs = await base.certs(device)
      if (account === null || certs.length === 0 || !base.writable) return
      done()
      resolve({ identity: { publicKey: account.identity }, cert: certs[0] as AccountFile['cert'] })
    }
    const onupdate = (): void => { check().catch(() => {}) }
    const timer = setTimeout(() => {
      done()
      reject(errors.linkTimeout())
    }, Math.max(0, deadline - Date.now()))
    const done = (): void => {
      clearTimeout(timer)
      base.off('update', onupdate)
    }
    base.on('update', onupdate)
    onupdate()
  })
}

function sameProfile (a: AccountProfile, b: AccountProfile): boolean {
  return a.name === b.name && a.avatar?.mime === b.avatar?.mime && a.avatar?.data === b.avatar?.data
}

function newNamespace (): string {
  return 'account-' + crypto.randomBytes(16).toString('hex')
}

function deviceName (): string {
  const name = os.hostname().trim().slice(0, 64)
  return isName(name) ? name : 'A device'
}

// The writer key this device will have in a base on that namespace: Autobase's local core is
// the store's core named 'local', whose key hashes its one signer (src/trust/proofs.ts).
async function localWriterKey (store: Corestore): Promise<Buffer> {
  return writerKeyOf((await store.createKeyPair('local')).publicKey)
}
