// Device certificates: "device D is a device of identity I" (docs/architecture.md §16.1).
// Deterministic and pure: signing and verifying read nothing but their inputs, so apply may
// verify a certificate carried in a block, and the SDK and the account side sign one.
//
// A certificate is `{ by, sig }`: `sig` by `by`'s key over hash('linkup/device-cert/v1', I, D).
// `by` is the identity itself (the first device, recovery) or a device already of I: whether
// `by` may certify for I is judged against a room's view (views/devices.ts), never here.
// The payload names no room: one certificate serves in every room of the account. What binds
// a device to one room is its `deviceSig` over that room's writer key.
import crypto from 'hypercore-crypto'
import { isKey, isSig } from './checks.js'

export interface DeviceCert {
  /** Hex of the key that signed: the identity, or another device of it. */
  by: string
  /** Hex of the ed25519 signature over deviceCertPayload(identity, device). */
  sig: string
}

const DOMAIN = Buffer.from('linkup/device-cert/v1')

/** What a certificate signs: the hash of the domain, the identity key and the device key. */
export function deviceCertPayload (identity: string, device: string): Buffer {
  return crypto.hash([DOMAIN, Buffer.from(identity, 'hex'), Buffer.from(device, 'hex')])
}

/** A certificate by this key pair (the identity's, or a device's of it) for `device`. */
export function signDeviceCert (by: { publicKey: Buffer, secretKey: Buffer }, identity: string, device: string): DeviceCert {
  if (!isKey(identity) || !isKey(device)) throw new TypeError('identity and device must be 64 hex characters')
  return { by: by.publicKey.toString('hex'), sig: crypto.sign(deviceCertPayload(identity, device), by.secretKey).toString('hex') }
}

/** Whether the certificate's signature is `cert.by`'s over (identity, device). Never throws. */
export function verifyDeviceCert (cert: DeviceCert, identity: string, device: string): boolean {
  if (cert === null || typeof cert !== 'object' || !isKey(cert.by) || !isSig(cert.sig)) return false
  if (!isKey(identity) || !isKey(device)) return false
  try {
    return crypto.verify(deviceCertPayload(identity, device), Buffer.from(cert.sig, 'hex'), Buffer.from(cert.by, 'hex'))
  } catch {
    return false
  }
}

/** A certificate as it arrives in a block: both fields checked, nothing else kept. */
export function decodeDeviceCert (x: unknown): DeviceCert | null {
  if (x === null || typeof x !== 'object' || Array.isArray(x)) return null
  const { by, sig } = x as Record<string, unknown>
  return isKey(by) && isSig(sig) ? { by, sig } : null
}
