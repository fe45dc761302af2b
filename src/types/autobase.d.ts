// Declarations for autobase (Holepunch ships no types): only the surface LinkUp uses.
// `unknown` over `any`; widen here (and only here) when a new call is needed.

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
      /** Encrypts every core of the base (writers, system, views); stored locally after the first open. */
      encryptionKey?: Buffer | null
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
    /** The key the base's cores are encrypted with, or null (after ready). */
    readonly encryptionKey: Buffer | null
    /** The base's view cores (the system core, the views, and so on): what a fast-forward reads. */
    views (): Array<{ name: string, key: Buffer, length: number, signedLength: number }>
    /** What the base tells wakeup peers and blind peers it belongs to (its key by default). */
    readonly wakeupCapability: { key: Buffer, discoveryKey: Buffer }
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
    /** LinkUp's patch (patches/README.md): an indexer signs a deferred tail now. */
    signPending (): Promise<void>
    hash (): Promise<Buffer>
    replicate (isInitiatorOrStream: boolean | unknown, opts?: Record<string, unknown>): NodeJS.ReadWriteStream
  }
  export = Autobase
}
