// The account base (docs/architecture.md §16.3): one small encrypted Autobase per person, its
// writers that person's devices, every one an indexer. It says which rooms the account is in,
// the profile, and which devices are the account's. Replicated only between those devices:
// its own topic on the node's one swarm, its cores behind the replication gate (§6.7) and
// admitted by account-access.ts. Writes go to the log, reads come from the view.
import ReadyResource from 'ready-resource'
import Autobase from 'autobase'
import type Hyperbee from 'hyperbee'
import type Corestore from 'corestore'
import type { Network } from '../network/swarm.js'
import { RoomCores } from '../trust/room-cores.js'
import { AccountAccess } from './account-access.js'
import { applyAccount, openAccountView } from './account-apply.js'
import { encodeAccountEvent, type AccountEvent } from './account-schema.js'
import { accountKeys as keys, type AccountProfile, type AccountRecord, type DeviceRecord, type RoomEntry } from './account-keys.js'

const ACK_INTERVAL_MS = 1000

export interface AccountBaseOptions {
  /** The client's Corestore: the base lives in `namespace` of it. */
  store: Corestore
  namespace: string
  /** null: a new account base. */
  key: Buffer | null
  encryptionKey: Buffer
  network: Network
  /** This device's network key (hex): the `D` of device/<D>. */
  device: string
}

export interface AccountDevice extends DeviceRecord { key: string }

/** Events: 'update' when the view changed; 'removed' once, when this device was removed. */
export class AccountBase extends ReadyResource {
  readonly base: Autobase<Hyperbee>
  readonly namespace: string
  private readonly network: Network
  private readonly cores: RoomCores
  private readonly access: AccountAccess
  private readonly self: string
  private readonly writers = new Set<string>()
  private removedOnce = false

  constructor (opts: AccountBaseOptions) {
    super()
    this.network = opts.network
    this.namespace = opts.namespace
    this.self = opts.device
    this.cores = new RoomCores(opts.store)
    this.base = new Autobase<Hyperbee>(this.cores.track(opts.store.namespace(opts.namespace)), opts.key, {
      encryptionKey: opts.encryptionKey,
      open: openAccountView,
      apply: applyAccount,
      ackInterval: ACK_INTERVAL_MS,
      valueEncoding: 'binary',
      wakeup: opts.network.wakeup
    })
    this.access = new AccountAccess({
      view: () => this.base.view,
      writerKey: () => this.base.local.key,
      keyPair: () => this.base.local.keyPair ?? null,
      cores: this.cores,
      admits: (peer) => this.network.gate.admits(peer.conn, this.id),
      onRemoved: () => this.markRemoved()
    })
    this.base.on('update', () => { this.updated().catch(() => {}) })
    this.base.on('error', () => {}) // a closing store: the client logs what matters
  }

  /** The base's key (hex): its name on the network, like a room's. */
  get id (): string { return this.base.key.toString('hex') }
  get key (): Buffer { return this.base.key }
  get discoveryKey (): Buffer { return this.base.discoveryKey }
  get encryptionKey (): Buffer | null { return this.base.encryptionKey }
  get writable (): boolean { return this.base.writable }
  get view (): Hyperbee { return this.base.view }
  get removed (): boolean { return this.removedOnce }

  protected override async _open (): Promise<void> {
    await this.base.ready()
    this.cores.connect({ own: (dk, session) => this.network.gate.own(this.id, dk, session) })
    this.network.join(this.id, this.base.discoveryKey, this.access)
    await this.updated()
  }

  protected override async _close (): Promise<void> {
    // The topic and its admission go at once; the DHT's unannounce goes on without us (waiting
    // for it made every close of a node with an account take ~6 s offline, and seconds on the
    // testnet; closing the node destroys the swarm anyway). Network.leave catches its failures.
    void this.network.leave(this.id)
    await this.base.close()
    await this.cores.close()
  }

  async append (event: AccountEvent): Promise<void> {
    await this.base.append(encodeAccountEvent(event))
  }

  async account (): Promise<AccountRecord | null> {
    return await this.read<AccountRecord>(keys.account)
  }

  async profile (): Promise<AccountProfile | null> {
    return await this.read<AccountProfile>(keys.profile)
  }

  async devices (): Promise<AccountDevice[]> {
    const out: AccountDevice[] = []
    for await (const { key, value } of this.base.view.createReadStream(keys.devices)) {
      out.push({ key: (key as string).slice('device/'.length), ...(value as DeviceRecord) })
    }
    return out
  }

  async device (key: string): Promise<DeviceRecord | null> {
    return await this.read<DeviceRecord>(keys.device(key))
  }

  async certs (device: string): Promise<Array<{ by: string, sig: string }>> {
    const out: Array<{ by: string, sig: string }> = []
    for await (const { value } of this.base.view.createReadStream(keys.certsOf(device))) out.push(value as { by: string, sig: string })
    return out
  }

  async rooms (): Promise<RoomEntry[]> {
    const out: RoomEntry[] = []
    for await (const { value } of this.base.view.createReadStream(keys.rooms)) out.push(value as RoomEntry)
    return out
  }

  async room (key: string): Promise<RoomEntry | null> {
    return await this.read<RoomEntry>(keys.room(key))
  }

  async banned (device: string): Promise<boolean> {
    return await this.read(keys.ban(device)) !== null
  }

  private async read<T> (key: string): Promise<T | null> {
    const entry = await this.base.view.get(key)
    return entry === null ? null : entry.value as T
  }

  // New writers' cores are the account's (the gate may open them for admitted peers); who is
  // in may have changed, so the peers are judged again; this device's own removal is news.
  private async updated (): Promise<void> {
    if (this.closing) return
    for (const d of await this.devices()) {
      if (this.writers.has(d.writer)) continue
      this.writers.add(d.writer)
      this.cores.addWriter(d.writer)
    }
    if (await this.banned(this.self)) this.markRemoved()
    await this.network.recheck(this.id)
    this.emit('update')
  }

  private markRemoved (): void {
    if (this.removedOnce) return
    this.removedOnce = true
    this.emit('removed')
  }
}
