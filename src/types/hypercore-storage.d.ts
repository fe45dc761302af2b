// Declarations for hypercore-storage (Holepunch ships no types): only the surface LinkUp uses.
// `unknown` over `any`; widen here (and only here) when a new call is needed.

declare module 'hypercore-storage' {
  /** A Corestore's storage: one RocksDB (its `db` is the column family every core is in). */
  class CoreStorage {
    constructor (dir: string, opts?: { writeBufferSize?: number, readOnly?: boolean })
  }
  export = CoreStorage
}
