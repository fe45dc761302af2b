// Declarations for hypercore-crypto (Holepunch ships no types): only the surface LinkUp uses.
// `unknown` over `any`; widen here (and only here) when a new call is needed.

declare module 'hypercore-crypto' {
  interface KeyPair { publicKey: Buffer, secretKey: Buffer }
  const crypto: {
    keyPair (seed?: Buffer): KeyPair
    sign (message: Buffer, secretKey: Buffer): Buffer
    verify (message: Buffer, signature: Buffer, publicKey: Buffer): boolean
    randomBytes (n: number): Buffer
    discoveryKey (key: Buffer): Buffer
    hash (data: Buffer | Buffer[]): Buffer
  }
  export = crypto
}
