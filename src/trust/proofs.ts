// The signed statements of trust that travel on the peer channel (docs/architecture.md §6.7).
//
// A member proof: "on this connection I speak for writer W of this room", signed with W's own
// key pair. It is bound to the connection (the room token hashes the Noise handshake), so it
// cannot be replayed on another one. A removal notice: "writer W was removed from this room",
// signed by the admin who removed it and carried in its member-removed block, so any peer can
// show it to the removed device as the reason it is refused.
//
// A writer key is not a public key: Corestore makes a named core's key as the hash of its
// manifest (version 1, one ed25519 signer), so a verifier rebuilds that manifest from the
// public key it is given and checks that it hashes to the writer key.
import crypto from 'hypercore-crypto'
import Hypercore from 'hypercore'

export interface KeyPair { publicKey: Buffer, secretKey: Buffer }

const PROOF = Buffer.from('linkup/member-proof/v1')
const NOTICE = Buffer.from('linkup/removed/v1')

/** The writer key of a core Corestore made from a name, for its signer's public key. */
export function writerKeyOf (publicKey: Buffer): Buffer {
  return Hypercore.key({ version: 1, signers: [{ publicKey }] })
}

function speaksFor (writer: Buffer, publicKey: Buffer): boolean {
  return publicKey.byteLength === 32 && writerKeyOf(publicKey).equals(writer)
}

export function signProof (token: Buffer, writer: Buffer, keyPair: KeyPair): Buffer {
  return crypto.sign(crypto.hash([PROOF, token, writer]), keyPair.secretKey)
}

/** The proof a connection shows for `writer` (hex fields, as the peer channel sends them). */
export function makeProof (token: Buffer, writer: Buffer, keyPair: KeyPair): { writer: string, publicKey: string, sig: string } {
  return { writer: writer.toString('hex'), publicKey: keyPair.publicKey.toString('hex'), sig: signProof(token, writer, keyPair).toString('hex') }
}

export function verifyProof (token: Buffer, writer: Buffer, publicKey: Buffer, sig: Buffer): boolean {
  return sig.byteLength === 64 && speaksFor(writer, publicKey) && crypto.verify(crypto.hash([PROOF, token, writer]), sig, publicKey)
}

/** What signs this device's proofs: its writer key in the room (or account) and that core's key pair. */
export interface ProofSigner {
  writerKey: () => Buffer
  /** null until the writer core is open. */
  keyPair: () => KeyPair | null
}

/** This device's proof on a connection (bound to its `token`); null while it has no key pair. */
export function proveAs (signer: ProofSigner, token: Buffer): { writer: string, publicKey: string, sig: string } | null {
  const keyPair = signer.keyPair()
  return keyPair === null ? null : makeProof(token, signer.writerKey(), keyPair)
}

/**
 * The writer a peer's proof speaks for on its connection, or null: it does not verify, or it is
 * our own proof (`own`, our writer key) reflected back.
 */
export function provenWriter (proof: { writer: string, publicKey: string, sig: string }, token: Buffer, own: Buffer): Buffer | null {
  const writer = Buffer.from(proof.writer, 'hex')
  if (!verifyProof(token, writer, Buffer.from(proof.publicKey, 'hex'), Buffer.from(proof.sig, 'hex'))) return null
  return writer.equals(own) ? null : writer
}

export function signNotice (roomKey: Buffer, removed: Buffer, keyPair: KeyPair): Buffer {
  return crypto.sign(crypto.hash([NOTICE, roomKey, removed]), keyPair.secretKey)
}

/** Whether `by` (a writer key) signed that `removed` was removed from the room. */
export function verifyNotice (roomKey: Buffer, removed: Buffer, by: Buffer, publicKey: Buffer, sig: Buffer): boolean {
  return sig.byteLength === 64 && speaksFor(by, publicKey) && crypto.verify(crypto.hash([NOTICE, roomKey, removed]), sig, publicKey)
}
