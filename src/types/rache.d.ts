// Declarations for rache (Holepunch ships no types): only the surface LinkUp uses.
// `unknown` over `any`; widen here (and only here) when a new call is needed.

declare module 'rache' {
  class Rache {
    constructor (opts?: { maxSize?: number })
    readonly maxSize: number
    readonly globalSize: number
  }
  export = Rache
}
