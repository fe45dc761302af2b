// Invites you control (docs/architecture.md §2.6): making one with an expiry and a number of
// uses, listing the live ones, revoking, and the owner's "only admins invite". Each call
// checks the view first, for a clear error; views/invite-rules.ts decides again on every peer.
import type Autobase from 'autobase'
import type Hyperbee from 'hyperbee'
import type { RoomEvent } from '../views/schema.js'
import { MAX_INVITE_USES } from '../views/schema-invites.js'
import { adminsOnlyInvites, isAdmin, readInvites, refusalOf } from '../views/invites-reads.js'
import { readMember, readRoom } from '../views/members-reads.js'
import { identityOfWriter } from '../views/devices-reads.js'
import { readUser } from '../views/profiles-reads.js'
import { readTrustChanges } from '../views/trust-reads.js'
import { isHex32 } from '../views/limits.js'
import { createInvite, encodeInvite } from './invite.js'
import { shownName } from './message.js'
import { errors } from './errors.js'
import type { RoomWriter } from './room-writer.js'

/** An invite that would let someone in now. `id` is its public key, as `inviteId(token)` gives. */
export interface LiveInvite {
  id: string
  /** Who made it: their key and name. */
  by: { key: string, name: string }
  /** When it was made (ms, the maker's clock), or null for an invite of an older LinkUp. */
  created: number | null
  /** When it stops working (ms), or null: never. */
  expires: number | null
  /** How many joins it admits in all, or null: no limit. */
  uses: number | null
  /** How many joins it may still admit, or null: no limit. */
  usesLeft: number | null
}

export interface InviteOptions {
  /** It stops working this long from now (ms); omitted, never. */
  expiresInMs?: number
  /** How many people it lets in (1 for a single-use invite, at most 1000); omitted, any number. */
  uses?: number
}

export class RoomInvites {
  private readonly base: Autobase<Hyperbee>
  private readonly writer: RoomWriter
  private readonly onAccess: () => void
  private trustSeen = -1

  constructor (base: Autobase<Hyperbee>, writer: RoomWriter, hooks: { onAccess: () => void }) {
    this.base = base
    this.writer = writer
    this.onAccess = hooks.onAccess
  }

  private get view (): Hyperbee { return this.base.view }
  /** Who this device acts for here: its identity once bound, else its writer (docs/architecture.md §16). */
  private me (): Promise<string> { return identityOfWriter(this.view, this.base.local.key.toString('hex')) }

  async create (opts: InviteOptions = {}): Promise<string> {
    const { expiresInMs, uses } = opts ?? {}
    if (expiresInMs !== undefined && !(Number.isSafeInteger(expiresInMs) && expiresInMs > 0)) {
      throw errors.invalid('expiresInMs must be a positive whole number of milliseconds')
    }
    if (uses !== undefined && !(Number.isSafeInteger(uses) && uses >= 1 && uses <= MAX_INVITE_USES)) {
      throw errors.invalid(`uses is a whole number from 1 to ${MAX_INVITE_USES} (or omitted: no limit)`)
    }
    if (await adminsOnlyInvites(this.view) && !(await isAdmin(this.view, await this.me()))) {
      throw errors.notAdmin('Only admins can invite people to this room (the owner turned that on, or someone was removed)')
    }
    const now = Date.now()
    const invite = createInvite(this.base.key, expiresInMs === undefined ? 0 : now + expiresInMs, this.base.encryptionKey ?? null)
    const event: RoomEvent = { type: 'invite-created', v: 3, pub: invite.publicKey.toString('hex'), ts: now }
    if (invite.expires !== 0) event.expires = invite.expires
    if (uses !== undefined) event.uses = uses
    await this.writer.append(event)
    return encodeInvite(invite)
  }

  /** The invites that would let someone in now, newest first: not revoked, expired or used up. */
  async list (): Promise<LiveInvite[]> {
    const now = Date.now()
    const adminsOnly = await adminsOnlyInvites(this.view)
    const live: LiveInvite[] = []
    for (const { pub, record } of await readInvites(this.view)) {
      const makerIsAdmin = adminsOnly && await isAdmin(this.view, record.by)
      if (refusalOf(record, now, { adminsOnly, makerIsAdmin }) !== null) continue
      const uses = record.uses ?? null
      live.push({
        id: pub,
        by: { key: record.by, name: shownName((await readUser(this.view, record.by))?.name, record.by) },
        created: record.ts ?? null,
        expires: record.expires ?? null,
        uses,
        usesLeft: uses === null ? null : uses - (record.used ?? 0)
      })
    }
    return live.sort((a, b) => (b.created ?? -1) - (a.created ?? -1))
  }

  /** Revokes an invite: the owner and admins any, a member the ones they made. */
  async revoke (id: string): Promise<void> {
    if (!isHex32(id)) throw errors.invalid('An invite is named by its id: 64 hex characters')
    const record = (await readInvites(this.view)).find(i => i.pub === id)?.record
    if (record === undefined) throw errors.notFound('That invite')
    if (record.revoked === true) return
    const me = await this.me()
    if (record.by !== me && !(await isAdmin(this.view, me))) {
      throw errors.notAdmin('Only the member who made an invite, an admin or the owner can revoke it')
    }
    await this.writer.append({ type: 'invite-revoked', v: 3, pub: id })
  }

  async policy (): Promise<{ adminsOnly: boolean }> {
    return { adminsOnly: await adminsOnlyInvites(this.view) }
  }

  /** The owner turns "only admins invite" on or off. */
  async setPolicy (policy: { adminsOnly: boolean }): Promise<void> {
    if (typeof policy?.adminsOnly !== 'boolean') throw errors.invalid('adminsOnly is true or false')
    const room = await readRoom(this.view)
    if (room === null || (await readMember(this.view, await this.me()))?.role !== 'owner') throw errors.notOwner()
    if (await adminsOnlyInvites(this.view) === policy.adminsOnly) return
    await this.writer.append({ type: 'invite-policy-set', v: 3, adminsOnly: policy.adminsOnly })
  }

  /** After each view update: who is in, their roles or the invites changed when meta/trust moved. */
  async updated (): Promise<void> {
    const trust = await readTrustChanges(this.view)
    if (trust === this.trustSeen) return
    const first = this.trustSeen === -1
    this.trustSeen = trust
    if (!first) this.onAccess()
  }
}
