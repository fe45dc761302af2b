// Declarations for hyperswarm (Holepunch ships no types): only the surface LinkUp uses.
// `unknown` over `any`; widen here (and only here) when a new call is needed.

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
