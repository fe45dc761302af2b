// A seeder: the always-on peer `linkup seed` runs (docs/architecture.md §14). It is Holepunch's
// blind peer (`blind-peer`): members' nodes dial it by its key and ask it, through
// `blind-peering`, to keep their rooms' cores; it downloads them, keeps them, and serves them
// to any member that dials it later, waking that member's room up with the latest lengths.
// Every core it keeps is encrypted with a key it never has (src/seed/encryption.ts).
//
// What LinkUp adds around the blind peer: a network identity kept in the storage (so the key
// members added stays the seeder's key across restarts), the DHT options of every command, a
// storage limit (past it the blind peer clears whole cores' blocks, least recently used first and
// files before messages: members' drives are added at priority 0, rooms' Autobases at 1, and
// the blind peer clears by priority, then activity),
// and log lines a person can read.
import ReadyResource from 'ready-resource'
import fs from 'fs/promises'
import path from 'path'
import crypto from 'hypercore-crypto'
import HyperDHT from 'hyperdht'
import Hyperswarm from 'hyperswarm'
import BlindPeer from 'blind-peer'
import { errors } from '../errors.js'
import { describeError, silentLogger, short, type Logger } from '../log.js'
import { isNoSpace } from '../storage-errors.js'
import { LinkUpError } from '../errors.js'
import { isHex32 } from '../../views/limits.js'

export interface SeederOptions {
  /** Directory for the seeder's key and the cores it keeps. */
  storage: string
  bootstrap?: string[]
  dhtHost?: string
  /** The most bytes of blocks to keep (default 10 GB); past it the least used are cleared. */
  maxBytes?: number
  logger?: Logger
}

export const DEFAULT_SEED_MAX_BYTES = 10_000_000_000
const KEY_FILE = 'seeder-key'
const CLOSE_GRACE_MS = 1000

export class Seeder extends ReadyResource {
  readonly storage: string
  private readonly opts: SeederOptions
  private readonly log: Logger
  private dht: HyperDHT | null = null
  private swarm: Hyperswarm | null = null
  private peer: BlindPeer | null = null
  private cores = 0

  constructor (opts: SeederOptions) {
    super()
    if (typeof opts?.storage !== 'string' || opts.storage.length === 0) throw errors.invalid('storage is a directory path')
    if (opts.maxBytes !== undefined && !(Number.isSafeInteger(opts.maxBytes) && opts.maxBytes > 0)) throw errors.invalid('maxBytes is a positive whole number of bytes')
    this.opts = opts
    this.storage = path.resolve(opts.storage)
    this.log = opts.logger ?? silentLogger
  }

  /** The seeder's public key (hex): what members add to a room. */
  get key (): string {
    if (this.swarm === null) throw errors.closed()
    return (this.swarm.keyPair.publicKey as Buffer).toString('hex')
  }

  /** Bytes of blocks kept, and cores known. */
  get usage (): { bytes: number, cores: number, maxBytes: number } {
    const digest = this.peer?.digest
    return { bytes: digest?.bytesAllocated ?? 0, cores: digest?.cores ?? 0, maxBytes: this.maxBytes }
  }

  private get maxBytes (): number { return this.opts.maxBytes ?? DEFAULT_SEED_MAX_BYTES }

  protected override async _open (): Promise<void> {
    try {
      await fs.mkdir(this.storage, { recursive: true, mode: 0o700 })
      const keyPair = crypto.keyPair(await this.seed())
      const dhtOpts: ConstructorParameters<typeof HyperDHT>[0] = {}
      if (this.opts.bootstrap !== undefined) dhtOpts.bootstrap = this.opts.bootstrap
      if (this.opts.dhtHost !== undefined) dhtOpts.host = this.opts.dhtHost
      this.dht = new HyperDHT(dhtOpts)
      this.swarm = new Hyperswarm({ dht: this.dht, keyPair })
      this.peer = new BlindPeer(path.join(this.storage, 'cores'), { swarm: this.swarm, maxBytes: this.maxBytes, enableGc: true })
      this.listen(this.peer)
      await this.peer.listen()
    } catch (err) {
      await this._close().catch(() => {})
      const failure = seederStorageFailure(err, this.storage)
      if (failure === null) throw err
      throw Object.assign(failure, { cause: err })
    }
    const { bytes, cores, maxBytes } = this.usage
    this.cores = cores
    this.log.info({ key: this.key, cores, bytes, maxBytes }, `seeding: keeping ${cores} cores, ${mb(bytes)} of ${mb(maxBytes)}`)
  }

  // Leaving the swarm politely unannounces from the DHT, which waits for seconds on nodes that
  // do not answer (or for ever with no network at all): a moment, then the DHT is forced shut,
  // as the client's network does (src/network/swarm.ts). The blind peer closes its store after.
  protected override async _close (): Promise<void> {
    const swarm = this.swarm
    const dht = this.dht
    if (swarm !== null && dht !== null) {
      let timer: NodeJS.Timeout | null = null
      const gentle = swarm.destroy().then(() => true, () => false)
      const late = new Promise<false>((resolve) => { timer = setTimeout(() => resolve(false), CLOSE_GRACE_MS) })
      const done = await Promise.race([gentle, late])
      if (timer !== null) clearTimeout(timer)
      if (!done) await dht.destroy({ force: true }).catch(() => {})
      await gentle
    }
    await this.peer?.close().catch((err: unknown) => this.log.warn({ err }, `closing the blind peer: ${describeError(err)}`))
    await dht?.destroy().catch(() => {})
  }

  // The identity: a random seed written once, readable by this user only.
  private async seed (): Promise<Buffer> {
    const file = path.join(this.storage, KEY_FILE)
    const text = await fs.readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return null
      throw err
    })
    if (text !== null) {
      const key = text.trimEnd() // written with a newline (below)
      if (!isHex32(key)) throw errors.storageDamaged(file, 'not a seeder key', this.storage)
      return Buffer.from(key, 'hex')
    }
    const seed = crypto.randomBytes(32)
    await fs.writeFile(file, seed.toString('hex') + '\n', { mode: 0o600, flag: 'wx' })
    return seed
  }

  private listen (peer: BlindPeer): void {
    peer.on('add-new-core', (record, _isNew, stream) => {
      this.cores++
      const room = record.referrer === null || record.referrer === undefined ? null : short(record.referrer.toString('hex'))
      this.log.info({ core: short(record.key.toString('hex')), room, from: short(stream.remotePublicKey.toString('hex')), cores: this.cores },
        `keeping a new core${room === null ? '' : ` of room ${room}`} for ${short(stream.remotePublicKey.toString('hex'))} (${this.cores} cores)`)
    })
    peer.on('gc-start', ({ bytesToClear }) => {
      this.log.warn({ bytesToClear, maxBytes: this.maxBytes }, `storage limit of ${mb(this.maxBytes)} reached: clearing at least ${mb(bytesToClear)}, whole cores, files before messages, least recently used first (members still online upload what they have again)`)
    })
    peer.on('gc-done', ({ bytesCleared }) => {
      this.log.warn({ bytesCleared }, `cleared ${mb(bytesCleared)}: now ${mb(this.usage.bytes)} of ${mb(this.maxBytes)}`)
    })
    peer.on('flush-error', (err) => this.log.error({ err }, `could not write the list of kept cores: ${describeError(err)}`))
    peer.on('muxer-error', (err) => this.log.warn({ err }, `a request from a member failed: ${describeError(err)}`))
  }
}

// The seeder's RocksDB (under cores/) says another process holds it as a lock it could not
// take; a full disk as ENOSPC. Anything else passes through as it is.
function seederStorageFailure (err: unknown, storage: string): LinkUpError | null {
  if (err instanceof LinkUpError) return err
  const message = err instanceof Error ? `${err.message} ${String((err as { cause?: { message?: string } }).cause?.message ?? '')}` : ''
  if (/lock file|could not be locked|Resource temporarily unavailable/i.test(message)) return new LinkUpError('STORAGE_IN_USE', `${storage} is in use by another seeder (its lock, cores/LOCK, is held): stop that one first, or use another --storage`)
  if (isNoSpace(err)) return new LinkUpError('DISK_FULL', `The disk holding ${storage} is full: free some space there and start the seeder again`)
  return null
}

function mb (bytes: number): string {
  return `${(bytes / 1e6).toFixed(bytes < 1e7 ? 1 : 0)} MB`
}
