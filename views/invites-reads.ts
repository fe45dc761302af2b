// The read side of invites (views/invites.ts, views/invite-rules.ts), as the SDK and the
// network read them from the view. Reads only; `now` is the reader's clock, never apply's.
import type Hyperbee from 'hyperbee'
import { keys, ranges } from './keys.js'
import { getValue } from './get.js'
import { usedUp } from './invite-rules.js'
import type { InvitePolicyRecord, InviteRecord, MemberRecord } from './records.js'

/** Why an invite lets nobody in now (the error a joiner gets), or null when it is live. */
export type InviteRefusal = 'revoked' | 'expired' | 'used-up' | 'not-admin' | 'unknown'

/** What stops an invite from admitting a join now: revoked, expired, used up, or made by a member while only admins invite. */
export function refusalOf (invite: InviteRecord | null, now: number, opts: { adminsOnly: boolean, makerIsAdmin: boolean }): InviteRefusal | null {
  if (invite === null) return 'unknown'
  if (invite.revoked === true) return 'revoked'
  if (invite.expires !== undefined && invite.expires < now) return 'expired'
  if (usedUp(invite)) return 'used-up'
  if (opts.adminsOnly && !opts.makerIsAdmin) return 'not-admin'
  return null
}

export async function inviteRefusal (view: Hyperbee, pub: string, now: number): Promise<InviteRefusal | null> {
  const invite = await getValue<InviteRecord>(view, keys.invite(pub))
  if (invite === null) return 'unknown'
  return refusalOf(invite, now, { adminsOnly: await adminsOnlyInvites(view), makerIsAdmin: await isAdmin(view, invite.by) })
}

/** Whether only the owner's and admins' invites admit (the owner's setting, or after a removal). */
export async function adminsOnlyInvites (view: Hyperbee): Promise<boolean> {
  return (await getValue<InvitePolicyRecord>(view, keys.invitePolicy))?.adminsOnly === true
}

export async function isAdmin (view: Hyperbee, key: string): Promise<boolean> {
  const role = (await getValue<MemberRecord>(view, keys.member(key)))?.role
  return role === 'owner' || role === 'admin'
}

/** Every invite the room ever had, with its pub. Invites are made by hand: few. */
export async function readInvites (view: Hyperbee): Promise<Array<{ pub: string, record: InviteRecord }>> {
  const out: Array<{ pub: string, record: InviteRecord }> = []
  for await (const { key, value } of view.createReadStream(ranges.invites)) {
    out.push({ pub: key.slice('invite/'.length), record: value as InviteRecord })
  }
  return out
}
