// Who is in a room and how one gets in (docs/architecture.md §2.6): the join proof and its
// admission, and the member list (invites: room-invites.ts; roles and removal: room-roles.ts).
// Writes go through the room's writer; reads come from the view (views/members-reads.ts),
// where views/members.ts decides.
import crypto from 'hypercore-crypto'
import type Autobase from 'autobase'
import type Hyperbee from 'hyperbee'
import type { Role } from '../views/schema.js'
import { isBanned, readInvite, readMember, readMembers, readRoom } from '../views/members-reads.js'
import { inviteRefusal, type InviteRefusal } from '../views/invites-reads.js'
import type { RoomRecord } from '../views/records.js'
import { readUser } from '../views/profiles-reads.js'
import { identityOfWriter, readDevices } from '../views/devices-reads.js'
import { signJoin, type Invite } from './invite.js'
import { errors, type LinkUpError } from './errors.js'
import type { RoomWriter } from './room-writer.js'
import type { RoomPeers } from './room-peers.js'
import type { RoomAccess } from './trust/room-access.js'
import type { KeyPair } from './trust/proofs.js'
import type { DeviceIdentity } from './room-devices.js'

const UNKNOWN_INVITE_GRACE_MS = 10_000
const JOIN_POLL_MS = 250
/** How long a join admitted by one peer waits for the other peers' verdicts. */
const VERDICTS_WAIT_MS = 2000

export interface Member {
  key: string
  name: string | null
  role: Role
  hasAvatar: boolean
  online: boolean
  /** The member's devices here: network key and writer key (one for a member with one device). */
  devices: Array<{ key: string, writer: string }>
}

export interface MembershipHooks {
  /** This device's network key pair: a join names the device it comes from. */
  device: () => KeyPair
  /** The identity this device acts for: a join names it (v4, docs/architecture.md §16.2). */
  identity: () => DeviceIdentity | null
  /** The room's side of admission: the joiner's invite goes with its proof. */
  access: RoomAccess
  /** Our proof changed (it carries the invite now): send it again. */
  reprove: () => void
  /** Every peer sharing the room has answered our proof. */
  allJudged: () => boolean
}

export class Membership {
  private readonly base: Autobase<Hyperbee>
  private readonly writer: RoomWriter
  private readonly peers: RoomPeers
  private readonly hooks: MembershipHooks

  constructor (base: Autobase<Hyperbee>, writer: RoomWriter, peers: RoomPeers, hooks: MembershipHooks) {
    this.base = base
    this.writer = writer
    this.peers = peers
    this.hooks = hooks
  }

  private get view (): Hyperbee { return this.base.view }
  private get writerKey (): string { return this.base.local.key.toString('hex') }

  /**
   * One entry per member: per identity, with its devices here (v4, §16.5); a member without a
   * binding is its writer, with the device it joined from when its join named one.
   */
  async members (): Promise<Member[]> {
    const online = this.peers.onlineWriters()
    const devices = await readDevices(this.view)
    return Promise.all((await readMembers(this.view)).map(async ({ key, record }) => {
      const user = await readUser(this.view, key)
      const bound = devices.get(key) ?? (record.device === undefined ? [] : [{ key: record.device, writer: key }])
      const here = online.has(key) || bound.some(d => online.has(d.writer))
      return { key, name: user?.name ?? null, role: record.role, hasAvatar: user?.avatar !== undefined, online: here, devices: bound }
    }))
  }

  /** Whether this device's writer, or the identity it is bound to (§16.2), is a member here. */
  private async isMember (): Promise<boolean> {
    return await readMember(this.view, await identityOfWriter(this.view, this.writerKey)) !== null
  }

  banned (): Promise<boolean> {
    return isBanned(this.view, this.writerKey)
  }

  /**
   * Appends the join proof for this device's writer key (the invite secret's signature over
   * it), then waits until this device is a writer, a member's copy of the room has applied
   * the proof and this device's view shows the room, or until a refusal is certain. Our own
   * copy may admit a join speculatively, before it learns of a revocation; a member that
   * already knows refuses it. Resolves to the room's record (its name).
   */
  async join (invite: Invite, opts: { timeout: number, signal?: AbortSignal }): Promise<RoomRecord> {
    if (opts.signal?.aborted === true) throw errors.joinCancelled()
    const seq = await this.appendJoin(invite)
    return await this.admitted(invite, seq, opts.timeout, opts.signal)
  }

  /**
   * The join proof alone; resolves to its seq (Membership.join waits for admission too). The
   * same proof goes with this device's proof on the peer channel, so members let it read the
   * room before it is one of them; the device's network key signs the writer key, so a
   * removal can keep this device out (views/removals.ts).
   */
  appendJoin (invite: Invite): Promise<number> {
    const writer = this.base.local.key
    const sig = signJoin(invite, writer)
    const device = this.hooks.device()
    this.hooks.access.ticket = { invite: invite.publicKey.toString('hex'), sig }
    this.hooks.reprove()
    const joined = {
      type: 'member-joined' as const,
      v: 3 as const,
      invite: invite.publicKey.toString('hex'),
      sig,
      ts: Date.now(),
      device: device.publicKey.toString('hex'),
      deviceSig: crypto.sign(writer, device.secretKey).toString('hex')
    }
    const identity = this.hooks.identity()
    // With an identity the member is the person, this device one of theirs (§16.2).
    return this.writer.appendOptimistic(identity === null ? joined : { ...joined, v: 4, identity: identity.key, cert: identity.cert })
  }

  /**
   * Why a pending join cannot succeed, once this device has seen the room; null if it still
   * can. A ban or a revocation is final. An invite this device has not seen may still be on
   * its way (the member we synced from may not have it yet), so `unknown` says whether to
   * count that as a refusal too.
   */
  async joinRefusal (invite: Invite, opts: { unknown?: boolean } = {}): Promise<LinkUpError | null> {
    // Peers that refuse to let us read the room say why (src/trust/room-access.ts): a removal,
    // or a revoked, expired or not-an-admin's invite at once; an invite used up (perhaps by a
    // joiner racing us) or unknown (perhaps still travelling) only once an unknown one would be.
    const definite = this.definiteRefusal()
    if (definite !== null) return definite
    const refusal = this.hooks.access.refusal()
    if (refusal === 'used-up' && opts.unknown === true) return errors.inviteUsedUp()
    if (refusal !== null && opts.unknown === true && this.peers.list.length === 0) return errors.inviteUnknown()
    if (await readRoom(this.view) === null) return null // not synced with any member yet
    if (await this.banned()) return errors.banned()
    const pub = invite.publicKey.toString('hex')
    const record = await readInvite(this.view, pub)
    if (record === null) return opts.unknown === true ? errors.inviteUnknown() : null
    if (record.revoked === true) return errors.inviteRevoked()
    // Used up by others: our own view has not admitted us (if it had, the last use is ours).
    if (await this.isMember()) return null
    return inviteError(await inviteRefusal(this.view, pub, Date.now()), opts.unknown === true)
  }

  /**
   * Whether an admission can be taken as final. An invite with a number of uses can admit two
   * joiners at once, each through a different member, until the signers' order reaches both:
   * the later join is then skipped (used up) and that joiner was never in. So a join with such
   * an invite waits for its admission to be signed (the whole view signed, with this device a
   * member in it), as long as the grace for news still travelling lasts; past it (no signer
   * online), the admission stands as it is (docs/architecture.md §2.6).
   */
  private async settled (invite: Invite, late: number): Promise<boolean> {
    const record = await readInvite(this.view, invite.publicKey.toString('hex'))
    if (record?.uses === undefined || late >= UNKNOWN_INVITE_GRACE_MS) return true
    const core = this.base.view.core
    return core.signedLength >= core.length && await this.isMember()
  }

  /**
   * A refusal a peer cannot have made in error: this key or device was removed, or the invite
   * was revoked, has expired, or is not an admin's since a removal. It ends a join even when
   * another peer admitted us: honest peers say it only when it is so, while a removed member's
   * stale copy of the room still accepts the invite that was revoked with it.
   */
  private definiteRefusal (): LinkUpError | null {
    switch (this.hooks.access.refusal()) {
      case 'removed': return errors.banned()
      case 'revoked': return errors.inviteRevoked()
      case 'expired': return errors.inviteExpired()
      case 'not-admin': return errors.inviteNotAdmin()
      default: return null
    }
  }

  /** Whether a peer has applied this device's block `seq` (for a join: a member admitted us). */
  confirmedByPeer (seq: number): boolean {
    return this.peers.seenByPeers() >= seq
  }

  // An invite the room does not know is refused only 10 s into the join (or at the deadline,
  // if sooner): until then it may still be travelling from the member who made it.
  //
  // Admitted, the view can still lack the room's record for a moment (1 join in 200 read it
  // as missing right after; the browser's chat story then showed the room as "room"), so
  // admission waits for the record too and hands it on.
  private admitted (invite: Invite, seq: number, timeout: number, signal?: AbortSignal): Promise<RoomRecord> {
    const started = Date.now()
    return new Promise((resolve, reject) => {
      let done = false
      const cancelled = (): void => finish(errors.joinCancelled())
      const finish = (result: LinkUpError | RoomRecord): void => {
        if (done) return
        done = true
        clearInterval(poll)
        signal?.removeEventListener('abort', cancelled)
        this.base.off('update', check)
        if (result instanceof Error) reject(result)
        else resolve(result)
      }
      let confirmed: number | null = null
      const attempt = async (): Promise<void> => {
        const definite = this.definiteRefusal()
        if (definite !== null) return finish(definite)
        const late = Date.now() - started
        if (this.base.writable && this.confirmedByPeer(seq)) {
          // Admitted by one peer: give the others a moment to say if the invite is no good.
          confirmed ??= Date.now()
          if (!this.hooks.allJudged() && Date.now() - confirmed < VERDICTS_WAIT_MS) return
          if (!await this.settled(invite, late)) return
          const record = await readRoom(this.view)
          if (record !== null) return finish(record)
        } else {
          const refusal = await this.joinRefusal(invite, { unknown: late >= Math.min(UNKNOWN_INVITE_GRACE_MS, timeout) })
          if (refusal !== null) return finish(refusal)
        }
        if (late >= timeout) finish(errors.joinTimeout())
      }
      const check = (): void => {
        if (done) return
        attempt().catch(() => { if (Date.now() - started >= timeout) finish(errors.joinTimeout()) })
      }
      const poll = setInterval(check, JOIN_POLL_MS)
      this.base.on('update', check)
      signal?.addEventListener('abort', cancelled)
      if (signal?.aborted === true) cancelled()
      check()
    })
  }
}

/**
 * The error a joiner gets for what is wrong with its invite. 'unknown' waits (the invite may be
 * travelling), and so does 'used-up' until `late`: two people joining with a single-use invite
 * at once are each admitted by some peer and refused by another until the indexer's order
 * reaches them all, and the one it admitted must not give up first.
 */
function inviteError (why: InviteRefusal | null, late: boolean): LinkUpError | null {
  switch (why) {
    case 'revoked': return errors.inviteRevoked()
    case 'expired': return errors.inviteExpired()
    case 'used-up': return late ? errors.inviteUsedUp() : null
    case 'not-admin': return errors.inviteNotAdmin()
    default: return null
  }
}
