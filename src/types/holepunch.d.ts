// Declarations for the untyped Holepunch packages: only the surface LinkUp uses.
// `unknown` over `any`; widen here (and only here) when a new call is needed.

declare module 'hypercore' {
  import { EventEmitter } from 'events'
  class Hypercore extends EventEmitter {
    readonly key: Buffer
    readonly discoveryKey: Buffer
    readonly length: number
    readonly contiguousLength: number
    /** The length covered by the writer's (or the indexers') signature. */
    readonly signedLength: number
    readonly fork: number
    readonly writable: boolean
    readonly closed: boolean
    readonly byteLength: number
    readonly peers: unknown[]
    ready (): Promise<void>
    close (): Promise<void>
    append (block: Buffer | Buffer[]): Promise<{ length: number, byteLength: number }>
    /** Cuts the core to `newLength` (a new fork unless `fork` is given): how a view is reordered. */
    truncate (newLength: number, opts?: { fork?: number }): Promise<void>
    get (index: number, opts?: { wait?: boolean, timeout?: number }): Promise<Buffer | null>
    has (start: number, end?: number): Promise<boolean>
    /** The block holding byte `bytes`, and the offset of that byte in it. */
    seek (bytes: number, opts?: { wait?: boolean, timeout?: number }): Promise<[number, number] | null>
    update (opts?: { wait?: boolean }): Promise<boolean>
    download (range?: { start?: number, end?: number, linear?: boolean }): { done (): Promise<void>, destroy (): void }
    createReadStream (opts?: { start?: number, end?: number, live?: boolean }): import('stream').Readable
    findingPeers (): () => void
    replicate (isInitiatorOrStream: boolean | unknown, opts?: Record<string, unknown>): NodeJS.ReadWriteStream
    session (opts?: Record<string, unknown>): Hypercore
    /** The key pair of a writable core (a writer's own core). */
    readonly keyPair: { publicKey: Buffer, secretKey: Buffer } | null
    /** The key of a core with this manifest (a named core: version 1, one signer). */
    static key (manifest: { version: number, signers: Array<{ publicKey: Buffer }> }): Buffer
    /** Local to this device, never replicated. */
    getUserData (key: string): Promise<Buffer | null>
    setUserData (key: string, value: Buffer | string | null): Promise<void>
  }
  export = Hypercore
}

declare module 'hypercore-storage' {
  /** A Corestore's storage: one RocksDB (its `db` is the column family every core is in). */
  class CoreStorage {
    constructor (dir: string, opts?: { writeBufferSize?: number, readOnly?: boolean })
  }
  export = CoreStorage
}

declare module 'corestore' {
  import Hypercore from 'hypercore'
  import type CoreStorage from 'hypercore-storage'
  class Corestore {
    constructor (storage: string | CoreStorage, opts?: Record<string, unknown>)
    readonly closed: boolean
    ready (): Promise<void>
    close (): Promise<void>
    get (opts: Buffer | { name?: string, key?: Buffer, valueEncoding?: string, exclusive?: boolean, active?: boolean }): Hypercore
    /** This session's namespace (32 bytes). */
    readonly ns: Buffer
    /** A stored core's key and manifest, by discovery key; null if it is not stored. */
    getAuth (discoveryKey: Buffer): Promise<{ key: Buffer, manifest: unknown } | null>
    namespace (name: string): Corestore
    session (opts?: Record<string, unknown>): Corestore
    replicate (isInitiatorOrStream: boolean | unknown, opts?: Record<string, unknown>): NodeJS.ReadWriteStream
    createKeyPair (name: string): Promise<{ publicKey: Buffer, secretKey: Buffer }>
    /** hypercore-storage: `db` is the RocksDB column family every core is stored in. */
    readonly storage: {
      readonly db: { flush (): Promise<void>, getProperty (name: string): Promise<unknown> }
      /** Every named core: its name, the namespace it was created in, its discovery key. */
      createAliasStream (): AsyncIterable<{ alias: { name: string, namespace: Buffer }, discoveryKey: Buffer }>
    }
  }
  export = Corestore
}

declare module 'hyperbee' {
  import Hypercore from 'hypercore'

  namespace Hyperbee {
    interface Entry<V = unknown> { seq: number, key: string, value: V }
    interface Range { gt?: string, gte?: string, lt?: string, lte?: string, reverse?: boolean, limit?: number }
    interface DiffEntry<V = unknown> { left: Entry<V> | null, right: Entry<V> | null }
    interface Batch {
      get (key: string): Promise<Entry | null>
      put (key: string, value?: unknown): Promise<void>
      del (key: string): Promise<void>
      /** The first entry of a range, this batch's own puts included. */
      peek (range: Range): Promise<Entry | null>
      /** A range read that sees this batch's own puts too. */
      createReadStream (range?: Range): AsyncIterable<Entry>
      flush (): Promise<void>
      close (): Promise<void>
    }
    interface Watcher extends AsyncIterable<[Hyperbee, Hyperbee]> {
      ready (): Promise<void>
      close (): Promise<void>
    }
  }

  class Hyperbee {
    constructor (core: Hypercore, opts?: { keyEncoding?: string, valueEncoding?: string, extension?: boolean })
    readonly core: Hypercore
    readonly version: number
    ready (): Promise<void>
    close (): Promise<void>
    get (key: string, opts?: { wait?: boolean, timeout?: number }): Promise<Hyperbee.Entry | null>
    put (key: string, value?: unknown): Promise<void>
    del (key: string): Promise<void>
    batch (): Hyperbee.Batch
    peek (range?: Hyperbee.Range, opts?: { reverse?: boolean }): Promise<Hyperbee.Entry | null>
    createReadStream (range?: Hyperbee.Range, opts?: { reverse?: boolean, limit?: number }): AsyncIterable<Hyperbee.Entry>
    createDiffStream (otherVersion: number | Hyperbee, range?: Hyperbee.Range): AsyncIterable<Hyperbee.DiffEntry>
    watch (range?: Hyperbee.Range): Hyperbee.Watcher
    snapshot (): Hyperbee
    checkout (version: number): Hyperbee
  }
  export = Hyperbee
}

declare module 'autobase' {
  import { EventEmitter } from 'events'
  import Corestore from 'corestore'
  import Hypercore from 'hypercore'

  namespace Autobase {
    /** One linearised block as apply sees it. */
    interface Node {
      value: Buffer | null
      from: { key: Buffer }
      /** The writer's length including this block: its sequence number is length - 1. */
      length: number
      optimistic: boolean
      indexed: boolean
    }
    interface Host {
      readonly key: Buffer
      addWriter (key: Buffer, opts?: { indexer?: boolean }): Promise<void>
      removeWriter (key: Buffer): Promise<void>
      ackWriter (key: Buffer): Promise<void>
      removeable (key: Buffer): boolean
      interrupt (reason?: unknown): void
    }
    interface Options<V> {
      open: (store: Corestore, host: Host) => V
      apply: (nodes: Node[], view: V, host: Host) => Promise<void>
      close?: (view: V) => Promise<void>
      optimistic?: boolean
      ackInterval?: number
      valueEncoding?: string
      wakeup?: unknown
      fastForward?: boolean
      /**
       * patches/autobase+7.28.1.patch: an indexer signs in a block it appends at most once per
       * signInterval ms (acks always sign; a deferred tail is signed within the interval).
       */
      signInterval?: number
      /**
       * patches/autobase+7.28.1.patch: this writer pushes its new blocks to its peers (block and
       * upgrade proof in one message), and remote writers' cores accept pushes.
       */
      pushWrites?: boolean
    }
  }

  class Autobase<V = unknown> extends EventEmitter {
    constructor (store: Corestore, bootstrap: Buffer | null, opts: Autobase.Options<V>)
    /** The store session the base was given (a namespace of the client's Corestore). */
    readonly store: Corestore
    readonly key: Buffer
    readonly discoveryKey: Buffer
    readonly local: Hypercore
    /** The Corestore (namespace) the base was given. */
    readonly store: Corestore
    readonly view: V
    readonly writable: boolean
    readonly isIndexer: boolean
    readonly length: number
    readonly signedLength: number
    /** The applied system state: the indexer set among it (null before the first apply). */
    readonly system: { readonly indexers: ReadonlyArray<{ readonly key: Buffer }> } | null
    /** The writers whose cores this base has open (idle ones may be closed), by key. */
    readonly activeWriters: { get (key: Buffer): { readonly core: Hypercore } | null }
    readonly opened: boolean
    readonly closed: boolean
    readonly closing: Promise<void> | null
    ready (): Promise<void>
    close (): Promise<void>
    /** Resolves to the local writer's length after the appended value(s). */
    append (value: Buffer | Buffer[] | null, opts?: { optimistic?: boolean }): Promise<number>
    update (): Promise<void>
    ack (bg?: boolean): Promise<void>
    hash (): Promise<Buffer>
    replicate (isInitiatorOrStream: boolean | unknown, opts?: Record<string, unknown>): NodeJS.ReadWriteStream
  }
  export = Autobase
}

declare module 'hyperdht' {
  import { EventEmitter } from 'events'
  import { Duplex } from 'stream'
  class HyperDHT extends EventEmitter {
    constructor (opts?: { bootstrap?: string[] | Array<{ host: string, port: number }>, host?: string, port?: number, ephemeral?: boolean, firewalled?: boolean })
    ready (): Promise<void>
    destroy (opts?: { force?: boolean }): Promise<void>
    readonly destroyed: boolean
    address (): { host: string, port: number }
    createServer (onconnection?: (socket: HyperDHT.Socket) => void): HyperDHT.Server
    connect (publicKey: Buffer): HyperDHT.Socket
    ping (addr: { host: string, port: number }): Promise<unknown>
  }
  namespace HyperDHT {
    /** A Noise-encrypted stream to one peer. */
    interface Socket extends Duplex {
      readonly remotePublicKey: Buffer
    }
    interface Server extends EventEmitter {
      readonly publicKey: Buffer
      listen (): Promise<void>
      close (): Promise<void>
    }
  }
  export = HyperDHT
}

declare module 'hyperdht/testnet.js' {
  import HyperDHT from 'hyperdht'
  interface Testnet {
    nodes: HyperDHT[]
    bootstrap: Array<{ host: string, port: number }>
    destroy (): Promise<void>
  }
  function createTestnet (size?: number, opts?: { host?: string, port?: number, teardown?: unknown }): Promise<Testnet>
  export = createTestnet
}

declare module 'hyperswarm' {
  import { EventEmitter } from 'events'
  import { Duplex } from 'stream'
  import HyperDHT from 'hyperdht'

  namespace Hyperswarm {
    interface PeerInfo {
      publicKey: Buffer
      topics: Buffer[]
      ban (status?: boolean): void
    }
    interface Discovery {
      flushed (): Promise<void>
      refresh (opts?: { client?: boolean, server?: boolean }): Promise<void>
      destroy (): Promise<void>
    }
    /** A Noise-encrypted secret stream. */
    interface Connection extends Duplex {
      readonly remotePublicKey: Buffer
      readonly publicKey: Buffer
      readonly isInitiator: boolean
      readonly rawStream: { remoteHost?: string, remotePort?: number, bytesReceived?: number }
      /** Bytes of data received after the stream header. */
      readonly rawBytesRead: number
    }
  }

  class Hyperswarm extends EventEmitter {
    /** backoffs: retry delays (ms) after a peer's 1st, 2nd, 3rd and later failures; jitter: ms added at random. */
    constructor (opts?: { dht?: HyperDHT, keyPair?: unknown, maxPeers?: number, backoffs?: [number, number, number, number], jitter?: number })
    readonly connections: Set<Hyperswarm.Connection>
    readonly connecting: number
    readonly keyPair: { publicKey: Buffer }
    readonly dht: HyperDHT
    join (topic: Buffer, opts?: { client?: boolean, server?: boolean }): Hyperswarm.Discovery
    leave (topic: Buffer): Promise<void>
    joinPeer (publicKey: Buffer): void
    leavePeer (publicKey: Buffer): void
    flush (): Promise<void>
    listen (): Promise<void>
    destroy (opts?: { force?: boolean }): Promise<void>
    /** Closes every connection and suspends discovery and the DHT, until resume(). */
    suspend (): Promise<void>
    resume (): Promise<void>
  }
  export = Hyperswarm
}

declare module 'hypercore-crypto' {
  interface KeyPair { publicKey: Buffer, secretKey: Buffer }
  const crypto: {
    keyPair (seed?: Buffer): KeyPair
    sign (message: Buffer, secretKey: Buffer): Buffer
    verify (message: Buffer, signature: Buffer, publicKey: Buffer): boolean
    randomBytes (n: number): Buffer
    discoveryKey (key: Buffer): Buffer
    hash (data: Buffer | Buffer[]): Buffer
  }
  export = crypto
}

declare module 'protomux-wakeup' {
  class ProtomuxWakeup {
    constructor ()
    addStream (stream: unknown): void
    destroy (): void
  }
  export = ProtomuxWakeup
}

declare module 'hyperdrive' {
  import { Readable, Writable } from 'stream'
  import Corestore from 'corestore'
  import Hypercore from 'hypercore'

  namespace Hyperdrive {
    interface Entry {
      seq: number
      key: string
      value: {
        executable: boolean
        linkname: string | null
        blob: BlobId | null
        metadata: unknown
      }
    }
    interface BlobId { byteOffset: number, blockOffset: number, blockLength: number, byteLength: number }
    interface Blobs {
      readonly core: Hypercore
      createReadStream (id: BlobId, opts?: { start?: number, end?: number, length?: number, wait?: boolean, timeout?: number }): Readable
    }
    interface Monitor {
      ready (): Promise<void>
      close (): Promise<void>
      on (event: 'update', listener: () => void): this
      downloadStats: { blocks: number, bytes: number, monitoringBytes: number, peers: number, percentage: number, speed: number }
      uploadStats: { blocks: number, bytes: number, monitoringBytes: number, peers: number, percentage: number, speed: number }
    }
  }

  class Hyperdrive {
    constructor (store: Corestore, key?: Buffer | null)
    readonly key: Buffer
    readonly discoveryKey: Buffer
    readonly version: number
    readonly writable: boolean
    readonly core: Hypercore
    ready (): Promise<void>
    close (): Promise<void>
    put (path: string, data: Buffer, opts?: { metadata?: unknown }): Promise<void>
    get (path: string, opts?: { wait?: boolean, timeout?: number }): Promise<Buffer | null>
    entry (path: string, opts?: { wait?: boolean, timeout?: number }): Promise<Hyperdrive.Entry | null>
    exists (path: string): Promise<boolean>
    /** Removes the entry (older versions still name it). */
    del (path: string): Promise<void>
    /** Frees the entry's blob blocks from local storage (the entry stays). */
    clear (path: string, opts?: { diff?: boolean }): Promise<{ blocks: number } | null>
    update (opts?: { wait?: boolean }): Promise<boolean>
    checkout (version: number): Hyperdrive
    getBlobs (): Promise<Hyperdrive.Blobs | null>
    createReadStream (path: string, opts?: { start?: number, end?: number, length?: number, wait?: boolean, timeout?: number }): Readable
    createWriteStream (path: string, opts?: { metadata?: unknown }): Writable
    monitor (path: string, opts?: { name?: string }): Hyperdrive.Monitor
    findingPeers (): () => void
    replicate (isInitiatorOrStream: boolean | unknown): NodeJS.ReadWriteStream
    /** The blobs core's key of a drive, from its db core's manifest and key. */
    static getContentKey (manifest: unknown, key: Buffer): Buffer | null
  }
  export = Hyperdrive
}

declare module 'rache' {
  class Rache {
    constructor (opts?: { maxSize?: number })
    readonly maxSize: number
    readonly globalSize: number
  }
  export = Rache
}

declare module 'ready-resource' {
  import { EventEmitter } from 'events'
  /**
   * The stack's lifecycle: ready() runs _open once, close() runs _close once (after an open
   * under way has settled; not at all after a failed open, so _open cleans up after itself).
   * Emits 'ready' and 'close'.
   */
  class ReadyResource extends EventEmitter {
    opening: Promise<void> | null
    closing: Promise<void> | null
    opened: boolean
    closed: boolean
    ready (): Promise<void>
    close (): Promise<void>
    protected _open (): Promise<void>
    protected _close (): Promise<void>
  }
  export = ReadyResource
}
