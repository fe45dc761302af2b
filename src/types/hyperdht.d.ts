// Declarations for hyperdht, hyperdht/testnet.js (Holepunch ships no types): only the surface LinkUp uses.
// `unknown` over `any`; widen here (and only here) when a new call is needed.

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
      /** Listens on this key pair (the DHT's own when left out). */
      listen (keyPair?: { publicKey: Buffer, secretKey: Buffer }): Promise<void>
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
