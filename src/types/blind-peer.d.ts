// Declarations for Holepunch's blind peer (the server a seeder runs) and blind peering (the
// client a member's node uses to ask seeders to keep its rooms): only the surface LinkUp uses.

declare module 'blind-peering' {
  import type HyperDHT from 'hyperdht'
  import type Autobase from 'autobase'
  import type Hypercore from 'hypercore'

  namespace BlindPeering {
    interface AddOptions {
      /** The blind peers to ask (public keys); the instance's `keys` when left out. */
      keys?: Buffer[]
      /** How many of them (default 2). */
      pick?: number
      /** The key the blind peer files the core under, to wake peers of the same base. */
      referrer?: Buffer
      priority?: number
      announce?: boolean
    }
    /** What BlindPeering replicates its connections with: `store.replicate(stream)`. */
    interface Replicator { replicate (stream: unknown): unknown }
  }

  class BlindPeering {
    constructor (dht: HyperDHT, store: BlindPeering.Replicator, opts?: { keys?: Buffer[], wakeup?: unknown, suspended?: boolean, pick?: number })
    addAutobase (base: Autobase<unknown>, opts?: BlindPeering.AddOptions): Promise<void>
    addAutobaseBackground (base: Autobase<unknown>, opts?: BlindPeering.AddOptions): void
    addCore (core: Hypercore, opts?: BlindPeering.AddOptions): Promise<void>
    addCoreBackground (core: Hypercore, opts?: BlindPeering.AddOptions): void
    suspend (): Promise<void>
    resume (): Promise<void>
    close (): Promise<void>
  }
  export = BlindPeering
}

declare module 'blind-peer' {
  import { EventEmitter } from 'events'
  import type Corestore from 'corestore'

  interface Digest { bytesAllocated: number, cores: number, referrers: number }
  interface CoreRecord { key: Buffer, referrer?: Buffer | null, priority?: number, announce?: boolean }

  class BlindPeer extends EventEmitter {
    constructor (storage: string, opts?: { swarm?: unknown, bootstrap?: Array<{ host: string, port: number }> | string[] | null, maxBytes?: number, enableGc?: boolean, port?: number })
    readonly publicKey: Buffer
    readonly digest: Digest
    readonly store: Corestore
    readonly swarm: { keyPair: { publicKey: Buffer }, dht: unknown, connections: Set<unknown> }
    readonly maxBytes: number
    ready (): Promise<void>
    listen (): Promise<void>
    close (): Promise<void>
    on (event: 'add-new-core', listener: (record: CoreRecord, isNew: boolean, stream: { remotePublicKey: Buffer }) => void): this
    on (event: 'add-cores-received', listener: (stream: { remotePublicKey: Buffer }, request: { cores: Array<{ key: Buffer, length: number }>, referrer: Buffer | null }) => void): this
    on (event: 'gc-start', listener: (info: { bytesToClear: number }) => void): this
    on (event: 'gc-done', listener: (info: { bytesCleared: number }) => void): this
    on (event: 'flush-error' | 'muxer-error', listener: (err: unknown) => void): this
    on (event: string, listener: (...args: unknown[]) => void): this
  }
  export = BlindPeer
}

declare module 'blind-peer-muxer' {
  /** The blind peer's protomux channel ('blind-peer'): used by tests that play a seeder. */
  class BlindPeerMuxer {
    constructor (stream: unknown, handlers?: { oncores?: (request: unknown) => unknown, onopen?: () => void, onclose?: () => void })
    static pair (stream: unknown, notify: () => void): void
    close (): void
  }
  export = BlindPeerMuxer
}
