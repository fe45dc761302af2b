// Declarations for hyperbee (Holepunch ships no types): only the surface LinkUp uses.
// `unknown` over `any`; widen here (and only here) when a new call is needed.

declare module 'hyperbee' {
  import Hypercore from 'hypercore'

  namespace Hyperbee {
    interface Entry<V = unknown> { seq: number, key: string, value: V }
    interface Range { gt?: string, gte?: string, lt?: string, lte?: string, reverse?: boolean, limit?: number }
    interface DiffEntry<V = unknown> { left: Entry<V> | null, right: Entry<V> | null }
    /**
     * How a read goes: `wait: false` fails on a block not stored here; `onseq` is called with the
     * seq of every block the read needs, before Hyperbee's caches (src/view-hint.ts).
     */
    interface ReadOptions { wait?: boolean, timeout?: number, update?: boolean, onseq?: (seq: number) => void }
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
    get (key: string, opts?: Hyperbee.ReadOptions): Promise<Hyperbee.Entry | null>
    put (key: string, value?: unknown): Promise<void>
    del (key: string): Promise<void>
    batch (): Hyperbee.Batch
    peek (range?: Hyperbee.Range, opts?: { reverse?: boolean }): Promise<Hyperbee.Entry | null>
    createReadStream (range?: Hyperbee.Range, opts?: Hyperbee.ReadOptions & { reverse?: boolean, limit?: number }): AsyncIterable<Hyperbee.Entry>
    createDiffStream (otherVersion: number | Hyperbee, range?: Hyperbee.Range): AsyncIterable<Hyperbee.DiffEntry>
    watch (range?: Hyperbee.Range): Hyperbee.Watcher
    snapshot (): Hyperbee
    checkout (version: number): Hyperbee
  }
  export = Hyperbee
}

// Hyperbee's block format (its protobuf messages): a block is a Node, the key put, its value and
// the tree nodes written with it (YoloIndex: per level, its keys' block seqs and its children as
// seq, offset pairs). Read by src/view-hint.ts to name every key of a node a walk passes.
declare module 'hyperbee/lib/messages.js' {
  export const Node: { decode (buf: Buffer): { index: Buffer, key: Buffer, value: Buffer | null } }
  export const YoloIndex: { decode (buf: Buffer): { levels: Array<{ keys: number[], children: number[] }> } }
}
