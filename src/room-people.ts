// A Room's calls about who is in it (room.ts extends this): invites, roles, this user's
// devices and the member list. Each is one line onto its part (room-invites.ts, room-roles.ts,
// room-devices.ts, room-membership.ts), past the guards of room-lifecycle.ts.
import { readAvatar } from '../views/profiles-reads.js'
import type { Member } from './names/member.js'
import { withIdentities } from './names/identities.js'
import type { InviteOptions, LiveInvite } from './room-invites.js'
import { RoomLifecycle, opened, readable, whenOpen } from './room-lifecycle.js'

export abstract class RoomPeople extends RoomLifecycle {
  /**
   * Makes an invite: a token (linkup:…) that lets people join until it expires (`expiresInMs`),
   * has let `uses` people in, or is revoked. Refused (NOT_ADMIN) for a member while only
   * admins invite.
   */
  createInvite (opts: InviteOptions = {}): Promise<string> {
    return whenOpen(this, (e) => e.parts.invites.create(opts))
  }

  /** The invites that would let someone in now, newest first (docs/architecture.md §2.6). */
  invites (): Promise<LiveInvite[]> {
    return whenOpen(this, (e) => e.parts.invites.list())
  }

  /** Revokes an invite by its id (LiveInvite.id, or inviteId(token)): the owner and admins any, a member their own. */
  revokeInvite (id: string): Promise<void> {
    return whenOpen(this, (e) => e.parts.invites.revoke(id))
  }

  /** Whether only the owner's and admins' invites let people in. */
  invitePolicy (): Promise<{ adminsOnly: boolean }> {
    return whenOpen(this, (e) => e.parts.invites.policy())
  }

  /** The owner turns "only admins invite" on or off. */
  setInvitePolicy (policy: { adminsOnly: boolean }): Promise<void> {
    return whenOpen(this, (e) => e.parts.invites.setPolicy(policy))
  }

  /**
   * The owner (anyone but itself) or an admin (members only): removes a member. Bans their key
   * and device, revokes the invites they came in with and made, makes invites admins-only, and
   * resolves once this device has stopped serving the room to them (docs/architecture.md §6.7).
   */
  removeMember (key: string): Promise<void> {
    return whenOpen(this, (e) => e.parts.roles.removeMember(key))
  }

  /** The owner or an admin: makes a member an admin, or an admin a member (or itself, stepping down). */
  setRole (key: string, role: 'admin' | 'member'): Promise<void> {
    return whenOpen(this, (e) => e.parts.roles.setRole(key, role))
  }

  /** The owner hands the room over to another member; it stays an admin. */
  transferOwnership (key: string): Promise<void> {
    return whenOpen(this, (e) => e.parts.roles.transferOwnership(key))
  }

  /**
   * Binds this device's writer to the identity the client acts for (client.setIdentity): a
   * member moving to its identity, or a new device of a member (docs/architecture.md §16).
   * Resolves once the binding is applied here and this device can write (`confirmed`: and a
   * peer counts this device in the room).
   */
  async bindDevice (opts: { timeout?: number, confirmed?: boolean } = {}): Promise<void> {
    const e = await opened(this)
    e.assertOpen()
    return await e.parts.devices.bind(opts)
  }

  /**
   * Removes a device (its key, as in members()[i].devices): one of your own from another, or a
   * member's as the owner or an admin. Its writes stop being accepted and it is told.
   */
  async removeDevice (device: string): Promise<void> {
    const e = await opened(this)
    e.assertOpen()
    return await e.parts.devices.remove(device)
  }

  /**
   * The room's members, each with a fingerprint of their key, their name cleaned of hidden
   * characters, the other members whose names look the same, and this user's nickname for
   * them and whether they verified them (docs/architecture.md §12).
   */
  async members (): Promise<Member[]> {
    const e = await readable(this)
    return withIdentities(await e.parts.membership.members(), (key) => e.ctx.local.contact(key))
  }

  /** A member's avatar (their key), as their profile published it; null when they have none. */
  async avatar (key: string): Promise<{ mime: string, data: Buffer } | null> {
    const e = await readable(this)
    const record = await readAvatar(e.base.view, key)
    return record === null ? null : { mime: record.mime, data: Buffer.from(record.data, 'base64') }
  }
}
