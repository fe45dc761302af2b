// A room's side of admission (docs/architecture.md §6.7): the proof this device sends for the
// room, the verdict on a peer's proof, read from this device's copy of the view, and what a
// peer's verdict on us means (a removal, shown to the user as `removed`).
//
// A peer is admitted when its proof verifies and, in our view:
// - its writer key is not banned and its device (network key) is not banned, and
// - it is a member, or it holds a live invite (the join proof it is about to append), or
//   (the seeding issue) it is one of the room's seeders: see `seeder` below.
// Until this device has the room's record at all (a joiner not synced yet) it has nothing of
// the room to protect and admits any proof that verifies.
import crypto from 'hypercore-crypto'
import type Hyperbee from 'hyperbee'
import type Hypercore from 'hypercore'
import { readMember, readRoom } from '../../views/members-reads.js'
import { isDeviceBanned, readBan } from '../../views/trust-reads.js'
import type { InviteRefusal, PeerChannel, Proof, Verdict, Notice } from '../network/peer-channel.js'
import { inviteRefusal } from '../../views/invites-reads.js'
import type { RoomAccessPoint } from '../network/admission.js'
import { signProof, verifyNotice, verifyProof, type KeyPair } from './proofs.js'
import type { RoomCores } from './room-cores.js'

export interface AccessHooks {
  roomKey: () => Buffer
  view: () => Hyperbee
  writerKey: () => Buffer
  /** The key pair of this device's writer core in the room. */
  keyPair: () => KeyPair | null
  cores: RoomCores
  /** A peer showed a removal notice for our writer key, signed by an admin we know. */
  onRemoved: (notice: Notice) => void
}

const ADMITTED: Verdict = { admitted: true }
const REFUSED: Verdict = { admitted: false, reason: 'refused' }

export class RoomAccess implements RoomAccessPoint {
  private readonly hooks: AccessHooks
  /** The invite this device is joining with: shown with the proof until it is a member. */
  ticket: { invite: string, sig: string } | null = null
  /** Peers refusing us now, and why (a join in progress fails on it: Membership.join). */
  readonly refusals = new Map<PeerChannel, 'removed' | 'refused'>()
  /** Peers refusing our invite, and what they say is wrong with it. */
  private readonly inviteRefusals = new Map<PeerChannel, InviteRefusal>()

  constructor (hooks: AccessHooks) {
    this.hooks = hooks
  }

  sessions (): Iterable<Hypercore> {
    return this.hooks.cores.sessions()
  }

  prove (token: Buffer): Proof | null {
    const keyPair = this.hooks.keyPair()
    if (keyPair === null) return null
    const writer = this.hooks.writerKey()
    const proof: Proof = { writer: writer.toString('hex'), publicKey: keyPair.publicKey.toString('hex'), sig: signProof(token, writer, keyPair).toString('hex') }
    if (this.ticket !== null) proof.ticket = this.ticket
    return proof
  }

  async judge (proof: Proof, peer: { device: string, token: Buffer }): Promise<Verdict> {
    const writer = Buffer.from(proof.writer, 'hex')
    if (!verifyProof(peer.token, writer, Buffer.from(proof.publicKey, 'hex'), Buffer.from(proof.sig, 'hex'))) return REFUSED
    if (writer.equals(this.hooks.writerKey())) return REFUSED // our own proof reflected back
    const view = this.hooks.view()
    if (await readRoom(view) === null) return ADMITTED // nothing of the room here yet
    const ban = await readBan(view, proof.writer)
    if (ban !== null) {
      const verdict: Verdict = { admitted: false, reason: 'removed' }
      if (ban.notice !== undefined) verdict.notice = { by: ban.by, ...ban.notice }
      return verdict
    }
    if (await isDeviceBanned(view, peer.device)) return { admitted: false, reason: 'removed' }
    if (await readMember(view, proof.writer) !== null) return ADMITTED
    if (await this.seeder(peer.device)) return ADMITTED
    if (proof.ticket === undefined) return REFUSED
    const why = await this.ticketRefusal(view, writer, proof.ticket)
    return why === null ? ADMITTED : { admitted: false, reason: 'refused', invite: why }
  }

  judged (verdict: Verdict, peer: PeerChannel): void {
    if (verdict.admitted) {
      this.refusals.delete(peer)
      this.inviteRefusals.delete(peer)
      return
    }
    this.refusals.set(peer, verdict.reason)
    if (verdict.invite !== undefined) this.inviteRefusals.set(peer, verdict.invite)
    else this.inviteRefusals.delete(peer)
    peer.conn.once('close', () => { this.refusals.delete(peer); this.inviteRefusals.delete(peer) })
    if (verdict.reason === 'removed' && verdict.notice !== undefined) this.checkNotice(verdict.notice).catch(() => {})
  }

  /** What the peers refusing our invite say is wrong with it (the first that says). */
  inviteRefusal (): InviteRefusal | null {
    for (const why of this.inviteRefusals.values()) if (why !== 'unknown') return why
    return null
  }

  /** Why peers refuse us, if any does: 'removed' wins over a plain refusal. */
  refusal (): 'removed' | 'refused' | null {
    let why: 'removed' | 'refused' | null = null
    for (const reason of this.refusals.values()) if (why === null || reason === 'removed') why = reason
    return why
  }

  // A notice counts when it names our writer key, verifies, and its signer is the owner or an
  // admin in our own copy of the room: a peer cannot make us believe we were removed.
  private async checkNotice (notice: Notice): Promise<void> {
    const ok = verifyNotice(this.hooks.roomKey(), this.hooks.writerKey(), Buffer.from(notice.by, 'hex'), Buffer.from(notice.publicKey, 'hex'), Buffer.from(notice.sig, 'hex'))
    if (!ok) return
    const role = (await readMember(this.hooks.view(), notice.by))?.role
    if (role === 'owner' || role === 'admin') this.hooks.onRemoved(notice)
  }

  /**
   * The seeding issue's hook: a seeder (a node that keeps the room's cores for its members
   * while they are offline, never holding its encryption key) is admitted by its network key
   * once the view lists the room's seeders. Until then there are none.
   */
  private async seeder (_device: string): Promise<boolean> {
    return false // none yet: `room.addSeeder` will list them in the view, by network key
  }

  // The joiner's own proof of its invite: the invite exists, is live (src/invite-state.ts), and
  // signed its writer key. Null when it lets the joiner in, else what is wrong with it.
  private async ticketRefusal (view: Hyperbee, writer: Buffer, ticket: { invite: string, sig: string }): Promise<InviteRefusal | null> {
    if (!crypto.verify(writer, Buffer.from(ticket.sig, 'hex'), Buffer.from(ticket.invite, 'hex'))) return 'unknown'
    return await inviteRefusal(view, ticket.invite, Date.now())
  }
}
