// Declarations for corestore (Holepunch ships no types): only the surface LinkUp uses.
// `unknown` over `any`; widen here (and only here) when a new call is needed.

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
