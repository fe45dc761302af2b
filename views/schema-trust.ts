// The v3 events of trust in a room: roles, handover, removal that holds, and a join that
// names the joining device. Deterministic and pure, like views/schema.ts, which routes every
// v3 block here first; a type this file does not know decodes to null.
//
// - role-set { key, role }: the owner (or an admin, for a promotion) makes a member an admin,
//   or an admin a member again. Admins are the room's indexers (docs/architecture.md §3).
// - ownership-transferred { key }: the owner hands the room to another member.
// - member-removed { key, publicKey, sig } (v3): as v1, and an admin may remove a member; the
//   removed device's network key is banned too, the invites the key made are revoked, and from
//   then on only admins' invites admit (views/removals.ts). `sig` is the remover's notice: its
//   writer key pair (`publicKey`) signing the room key and the removed key, which any peer can
//   later show the removed device to tell it why it is refused (src/trust/proofs.ts).
// - member-joined { invite, sig, ts, device, deviceSig } (v3): as v1, plus the network key of
//   the joining device and that key's signature over the writer key, so a removal can ban the
//   device and nobody can pin someone else's device on a member.
import { isKey, isSig, isTime, type Fields } from './checks.js'

export type Role = 'owner' | 'admin' | 'member'

export type TrustEvent =
  | { type: 'role-set', v: 3, key: string, role: 'admin' | 'member' }
  | { type: 'ownership-transferred', v: 3, key: string }
  | { type: 'member-removed', v: 3, key: string, publicKey: string, sig: string }
  | { type: 'member-joined', v: 3, invite: string, sig: string, ts: number, device: string, deviceSig: string }

export function decodeTrust (f: Fields): TrustEvent | null {
  switch (f.type) {
    case 'role-set':
      if (!isKey(f.key) || (f.role !== 'admin' && f.role !== 'member')) return null
      return { type: 'role-set', v: 3, key: f.key, role: f.role }
    case 'ownership-transferred':
      return isKey(f.key) ? { type: 'ownership-transferred', v: 3, key: f.key } : null
    case 'member-removed':
      if (!isKey(f.key) || !isKey(f.publicKey) || !isSig(f.sig)) return null
      return { type: 'member-removed', v: 3, key: f.key, publicKey: f.publicKey, sig: f.sig }
    case 'member-joined':
      if (!isKey(f.invite) || !isSig(f.sig) || !isTime(f.ts) || !isKey(f.device) || !isSig(f.deviceSig)) return null
      return { type: 'member-joined', v: 3, invite: f.invite, sig: f.sig, ts: f.ts, device: f.device, deviceSig: f.deviceSig }
    default:
      return null
  }
}
