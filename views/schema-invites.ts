// The v3 events of invites you control. Deterministic and pure, like views/schema.ts, which
// routes these v3 types here; the projection is views/invite-rules.ts.
//
// - invite-created { pub, ts, expires?, uses? } (v3): as v1, plus when it was made (the
//   maker's clock: shown to people, never used for ordering) and how many joins it admits
//   (1-1000; absent: any number until it expires or is revoked). Refused from a member who is
//   not an admin while only admins invite.
// - invite-revoked { pub } (v3): as v1, and an admin may revoke any invite too.
// - invite-policy-set { adminsOnly } (v3): the owner turns "only admins invite" on or off
//   (a removal turns it on as well: views/removals.ts).
import { isKey, isTime, type Fields } from './checks.js'

/** The most joins one invite may admit. */
export const MAX_INVITE_USES = 1000

export type InviteEvent =
  | { type: 'invite-created', v: 3, pub: string, ts: number, expires?: number, uses?: number }
  | { type: 'invite-revoked', v: 3, pub: string }
  | { type: 'invite-policy-set', v: 3, adminsOnly: boolean }

const isUses = (x: unknown): x is number => Number.isSafeInteger(x) && (x as number) >= 1 && (x as number) <= MAX_INVITE_USES

export function decodeInvites (f: Fields): InviteEvent | null {
  switch (f.type) {
    case 'invite-created': {
      if (!isKey(f.pub) || !isTime(f.ts)) return null
      if (f.expires !== undefined && !isTime(f.expires)) return null
      if (f.uses !== undefined && !isUses(f.uses)) return null
      const ev: InviteEvent = { type: 'invite-created', v: 3, pub: f.pub, ts: f.ts }
      if (f.expires !== undefined) ev.expires = f.expires
      if (f.uses !== undefined) ev.uses = f.uses
      return ev
    }
    case 'invite-revoked':
      return isKey(f.pub) ? { type: 'invite-revoked', v: 3, pub: f.pub } : null
    case 'invite-policy-set':
      return typeof f.adminsOnly === 'boolean' ? { type: 'invite-policy-set', v: 3, adminsOnly: f.adminsOnly } : null
    default:
      return null
  }
}
