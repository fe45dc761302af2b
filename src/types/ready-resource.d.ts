// Declarations for ready-resource (Holepunch ships no types): only the surface LinkUp uses.
// `unknown` over `any`; widen here (and only here) when a new call is needed.

declare module 'ready-resource' {
  import { EventEmitter } from 'events'
  /**
   * The stack's lifecycle: ready() runs _open once, close() runs _close once (after an open
   * under way has settled; not at all after a failed open, so _open cleans up after itself).
   * Emits 'ready' and 'close'.
   */
  class ReadyResource extends EventEmitter {
    opening: Promise<void> | null
    closing: Promise<void> | null
    opened: boolean
    closed: boolean
    ready (): Promise<void>
    close (): Promise<void>
    protected _open (): Promise<void>
    protected _close (): Promise<void>
  }
  export = ReadyResource
}
