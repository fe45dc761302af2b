// Declarations for protomux and compact-encoding: only the surface LinkUp uses.

declare module 'compact-encoding' {
  namespace c { interface Encoding { preencode: unknown, encode: unknown, decode: unknown } }
  const c: { json: c.Encoding, buffer: c.Encoding, uint: c.Encoding }
  export = c
}

declare module 'protomux' {
  import c from 'compact-encoding'
  namespace Protomux {
    interface Message { send (value: unknown): boolean }
    interface Channel {
      readonly opened: boolean
      readonly closed: boolean
      open (handshake?: unknown): void
      close (): void
      addMessage (opts: { encoding: c.Encoding, onmessage: (value: unknown) => void }): Message
    }
  }
  class Protomux {
    static from (stream: unknown): Protomux
    createChannel (opts: {
      protocol: string
      id?: Buffer | null
      unique?: boolean
      handshake?: c.Encoding
      onopen?: (handshake: unknown) => void
      onclose?: (...args: unknown[]) => void
      [option: string]: unknown
    }): Protomux.Channel | null
  }
  export = Protomux
}
