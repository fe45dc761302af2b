// The v4 events: one person, several devices (docs/architecture.md §16.2). Deterministic and
// pure, like views/schema.ts, which routes every v4 block here; a type this file does not know
// decodes to null.
//
// - member-joined { invite, sig, ts, device, deviceSig, identity, cert } (v4): a v3 join that
//   also names the person (identity I) the device acts for, with a certificate that the device
//   is I's (views/device-cert.ts). The member is I; the device and its writer are bound to it.
// - device-bound { identity, device, cert, deviceSig, ts }: this block's writer (a device's
//   writer in this room) acts for I from now on. No invite: I is a member already (another of
//   its devices joined), or the writer itself is the member moving to I (§16.6).
// - device-removed { identity, device, writer, publicKey, sig }: device D of I, writing here as
//   `writer`, is out of the room. `sig` is the remover's notice: its writer key pair signing
//   that `writer` was removed (the v3 removal's notice, src/trust/proofs.ts), so the network
//   refuses and tells the removed device exactly as it does a removed member (§6.7).
//
// `identity` and `cert` are claims: apply believes them only when the signatures prove them
// against the view (views/devices.ts).
import { isKey, isSig, isTime, type Fields } from './checks.js'
import { decodeDeviceCert, type DeviceCert } from './device-cert.js'

export type DeviceEvent =
  | { type: 'member-joined', v: 4, invite: string, sig: string, ts: number, device: string, deviceSig: string, identity: string, cert: DeviceCert }
  | { type: 'device-bound', v: 4, identity: string, device: string, cert: DeviceCert, deviceSig: string, ts: number }
  | { type: 'device-removed', v: 4, identity: string, device: string, writer: string, publicKey: string, sig: string }

export function decodeDevices (f: Fields): DeviceEvent | null {
  switch (f.type) {
    case 'member-joined': {
      const cert = decodeDeviceCert(f.cert)
      if (!isKey(f.invite) || !isSig(f.sig) || !isTime(f.ts) || !isKey(f.device) || !isSig(f.deviceSig) || !isKey(f.identity) || cert === null) return null
      return { type: 'member-joined', v: 4, invite: f.invite, sig: f.sig, ts: f.ts, device: f.device, deviceSig: f.deviceSig, identity: f.identity, cert }
    }
    case 'device-bound': {
      const cert = decodeDeviceCert(f.cert)
      if (!isKey(f.identity) || !isKey(f.device) || cert === null || !isSig(f.deviceSig) || !isTime(f.ts)) return null
      return { type: 'device-bound', v: 4, identity: f.identity, device: f.device, cert, deviceSig: f.deviceSig, ts: f.ts }
    }
    case 'device-removed':
      if (!isKey(f.identity) || !isKey(f.device) || !isKey(f.writer) || !isKey(f.publicKey) || !isSig(f.sig)) return null
      return { type: 'device-removed', v: 4, identity: f.identity, device: f.device, writer: f.writer, publicKey: f.publicKey, sig: f.sig }
    default:
      return null
  }
}
