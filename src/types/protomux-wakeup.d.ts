// Declarations for protomux-wakeup (Holepunch ships no types): only the surface LinkUp uses.
// `unknown` over `any`; widen here (and only here) when a new call is needed.

declare module 'protomux-wakeup' {
  class ProtomuxWakeup {
    constructor ()
    addStream (stream: unknown): void
    destroy (): void
  }
  export = ProtomuxWakeup
}
