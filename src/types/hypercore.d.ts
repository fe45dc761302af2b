// Declarations for hypercore (Holepunch ships no types): only the surface LinkUp uses.
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
    /**
     * `raw`: the block as stored (an encrypted core's padding and ciphertext), neither decrypted nor decoded.
     * Our Hypercore patch, part 7 (patches/README.md), for a caller that fetches a block and
     * copies it at once: `trustBitfield`, no storage read first when the core's bitfield says the
     * block is missing; `unslab: false`, a block fetched from a peer comes as the slice of the
     * message it arrived in, not copied out of it.
     */
    get (index: number, opts?: { wait?: boolean, timeout?: number, raw?: boolean, trustBitfield?: boolean, unslab?: boolean }): Promise<Buffer | null>
    /** The block encryption of an encrypted core (the HypercoreEncryption interface), else null. */
    readonly encryption: Hypercore.Encryption | null
    /** The session's core state, what an encryption provider is given. */
    readonly core: unknown
    has (start: number, end?: number): Promise<boolean>
    /** The block holding byte `bytes`, and the offset of that byte in it. */
    seek (bytes: number, opts?: { wait?: boolean, timeout?: number }): Promise<[number, number] | null>
    update (opts?: { wait?: boolean }): Promise<boolean>
    /** `blocks`: those blocks only, asked for at once. */
    download (range?: { start?: number, end?: number, linear?: boolean, blocks?: number[] }): { done (): Promise<void>, destroy (): void }
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
  namespace Hypercore {
    interface Encryption {
      /** Bytes in front of each stored block (8 for Hypercore's default encryption). */
      padding (core: unknown, index: number): number
      /** Decrypts a stored block (padding included) in place. */
      decrypt (index: number, block: Buffer, core: unknown): Promise<void> | void
    }
  }
  export = Hypercore
}
