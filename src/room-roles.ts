// Roles in a room (docs/architecture.md §3): promoting and demoting admins, handing the room
// over, removing members, and the check before this device leaves. Each call checks what the
// view says first, for a clear error, then appends its event; views/roles.ts and
// views/removals.ts decide again on every peer.
import type Autobase from 'autobase'
import type Hyperbee from 'hyperbee'
import type { Role } from '../views/schema.js'
import { readMember, readRoom } from '../views/members-reads.js'
import { identityOfWriter } from '../views/devices-reads.js'
import { readAdmins } from '../views/trust-reads.js'
import { errors } from './errors.js'
import type { RoomWriter } from './room-writer.js'
import { signNotice } from './trust/proofs.js'
import { isHex32 } from '../views/limits.js'

export interface RolesHooks {
  /**
   * Reads this device's standing again and has the network judge the room's peers again, now:
   * a call resolves with its effect in force here (the role shown, the removed closed out).
   */
  refresh: () => Promise<void>
}

export class Roles {
  private readonly base: Autobase<Hyperbee>
  private readonly writer: RoomWriter
  private readonly hooks: RolesHooks

  constructor (base: Autobase<Hyperbee>, writer: RoomWriter, hooks: RolesHooks) {
    this.base = base
    this.writer = writer
    this.hooks = hooks
  }

  private get view (): Hyperbee { return this.base.view }
  /** Who this device acts for: its writer key, or the identity it is bound to (docs/architecture.md §16.2). */
  private me (): Promise<string> { return identityOfWriter(this.view, this.base.local.key.toString('hex')) }

  /** This device's role (null: not a member). */
  async role (): Promise<Role | null> {
    return (await readMember(this.view, await this.me()))?.role ?? null
  }

  async setRole (key: string, role: 'admin' | 'member'): Promise<void> {
    if (role !== 'admin' && role !== 'member') throw errors.invalid('A role is "admin" or "member" (ownership moves with transferOwnership)')
    const target = await this.member(key)
    const mine = await this.role()
    if (mine !== 'owner' && mine !== 'admin') throw errors.notAdmin()
    if (target.role === 'owner') throw errors.invalid('The owner\'s role changes only by handing the room over')
    if (target.role === role) return
    await this.writer.append({ type: 'role-set', v: 3, key, role })
    await this.hooks.refresh()
  }

  async transferOwnership (key: string): Promise<void> {
    if (await this.role() !== 'owner') throw errors.notOwner()
    if (key === await this.me()) throw errors.invalid('You already own this room')
    await this.member(key)
    await this.writer.append({ type: 'ownership-transferred', v: 3, key })
    await this.hooks.refresh()
  }

  /**
   * Removes a member: the owner anyone but itself, an admin members only. Resolves once this
   * device has stopped serving the room to the removed member.
   */
  async removeMember (key: string): Promise<void> {
    if (!isHex32(key) || key === await this.me()) throw errors.invalid('That is not a member who can be removed')
    const mine = await this.role()
    if (mine !== 'owner' && mine !== 'admin') throw errors.notAdmin()
    const target = await this.member(key)
    if (target.role === 'owner') throw errors.invalid('The owner cannot be removed')
    if (target.role === 'admin' && mine !== 'owner') throw errors.notOwner()
    const keyPair = this.base.local.keyPair
    if (keyPair === null) throw errors.notWritable()
    const sig = signNotice(this.base.key, Buffer.from(key, 'hex'), keyPair)
    await this.writer.append({ type: 'member-removed', v: 3, key, publicKey: keyPair.publicKey.toString('hex'), sig: sig.toString('hex') })
    await this.hooks.refresh()
  }

  /**
   * Throws LAST_ADMIN when leaving would leave the room without its owner, or without any
   * admin: ownership never moves without the owner, so the owner hands over first.
   */
  async assertMayLeave (): Promise<void> {
    const mine = await this.role()
    if (mine === 'owner') {
      throw errors.lastAdmin('You own this room: nobody can take it over once you leave. Make another member the owner first (transfer ownership), or leave anyway (~leave anyway) to leave it without an owner.')
    }
    const me = await this.me()
    if (mine === 'admin' && (await readAdmins(this.view)).filter(k => k !== me).length === 0) {
      throw errors.lastAdmin('You are the last admin of this room. Make another member an admin first, or leave anyway (~leave anyway).')
    }
  }

  /**
   * An admin leaving steps down first, so the room's signing stops counting on a device that
   * is going away. `delivered` waits (a little) for a peer to have the block.
   */
  async stepDown (delivered: (seq: number) => Promise<void>): Promise<void> {
    if (await this.role() !== 'admin') return
    const seq = await this.writer.append({ type: 'role-set', v: 3, key: await this.me(), role: 'member' })
    await delivered(seq)
  }

  private async member (key: string): Promise<{ role: Role }> {
    if (!isHex32(key)) throw errors.invalid('A member is named by their key: 64 hex characters')
    const record = await readMember(this.view, key)
    if (record === null) throw errors.notFound('That member')
    if (await readRoom(this.view) === null) throw errors.notFound('The room')
    return record
  }
}
