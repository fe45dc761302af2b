// Declarations for hyperbee (Holepunch ships no types): only the surface LinkUp uses.
// `unknown` over `any`; widen here (and only here) when a new call is needed.

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
