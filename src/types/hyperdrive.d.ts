// Declarations for hyperdrive (Holepunch ships no types): only the surface LinkUp uses.
// `unknown` over `any`; widen here (and only here) when a new call is needed.

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
    constructor (store: Corestore, key?: Buffer | null | { encryptionKey?: Buffer }, opts?: { encryptionKey?: Buffer })
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
