// blind-pairing 2.3.1 (Holepunch): one-time invites to an Autobase, answered by a member over
// the swarm or the DHT. Only what src/account/linking.ts uses (docs/architecture.md §16.3).
declare module 'blind-pairing' {
  import { EventEmitter } from 'events'
  import type Hyperswarm from 'hyperswarm'

  namespace BlindPairing {
    interface CreatedInvite {
      id: Buffer
      /** What the user carries to the other device. */
      invite: Buffer
      publicKey: Buffer
      discoveryKey: Buffer
      expires: number
    }
    interface DecodedInvite {
      id: Buffer
      seed: Buffer
      discoveryKey: Buffer
      expires: number
    }
    /** A candidate's request as the member sees it. */
    interface MemberRequest {
      readonly inviteId: Buffer
      /** Set by open(): what the candidate sent. */
      readonly userData: Buffer | null
      /** Verifies and decrypts the request with the invite's public key; throws on a forged one. */
      open (publicKey: Buffer): Buffer
      confirm (answer: { key: Buffer, encryptionKey?: Buffer | null, additional?: unknown }): void
      /** status 1: rejected, 2: invite used, 3: invite expired. */
      deny (opts?: { status?: number }): void
    }
    interface Member {
      close (): Promise<void>
    }
    interface CandidateRequest extends EventEmitter {
      on (event: 'rejected', fn: (err: Error & { code?: string }) => void): this
      once (event: 'rejected', fn: (err: Error & { code?: string }) => void): this
    }
    interface Paired { key: Buffer, encryptionKey: Buffer | null, data: Buffer | null }
    interface Candidate {
      readonly request: CandidateRequest
      /** Resolves with the answer once confirmed, or null if closed first. */
      readonly pairing: Promise<Paired | null>
      close (): Promise<void>
    }
  }

  class BlindPairing {
    constructor (swarm: Hyperswarm, opts?: { poll?: number })
    static createInvite (key: Buffer, opts?: { expires?: number }): BlindPairing.CreatedInvite
    /** Throws on anything that is not an invite. */
    static decodeInvite (invite: Buffer): BlindPairing.DecodedInvite
    addMember (opts: { discoveryKey: Buffer, onadd: (request: BlindPairing.MemberRequest) => Promise<void> }): BlindPairing.Member
    addCandidate (opts: { invite: Buffer, userData: Buffer }): BlindPairing.Candidate
    close (): Promise<void>
  }
  export = BlindPairing
}

// blind-pairing's core (its dependency): the request objects on each side, real and offline.
// Only test/account/answer.test.ts uses it, to put one request to the member's rules directly.
declare module 'blind-pairing-core' {
  import { EventEmitter } from 'events'
  import type BlindPairing from 'blind-pairing'
  export class CandidateRequest extends EventEmitter {
    constructor (invite: Buffer, userData: Buffer)
    encode (): Buffer
    /** Opens the member's answer: the keys when confirmed, else null (and 'rejected' with a coded error). */
    handleResponse (response: Buffer): { key: Buffer, encryptionKey: Buffer | null } | null
  }
  export class MemberRequest {
    static from (encoded: Buffer): BlindPairing.MemberRequest & { readonly response: Buffer | null }
  }
}
