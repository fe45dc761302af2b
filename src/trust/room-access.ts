// A room's side of admission (docs/architecture.md §6.7): the proof this device sends for the
// room, the verdict on a peer's proof, read from this device's copy of the view, and what a
// peer's verdict on us means (a removal, shown to the user as `removed`).
//
// A peer is admitted when its proof verifies and, in our view:
// - its writer key is not banned and its device (network key) is not banned, and
// - it is a member (its writer, or the identity its writer is bound to, docs/architecture.md
//   §16.2), it holds a live invite (the join proof it is about to append), or it is a new device
//   of a member: its binding (the device-bound block it is about to append) proves a device of
//   a current member that is not banned.
// A seeder is not judged here: it is a connection this node dials, admitted to the rooms it
// keeps by its key (src/seed/seeding.ts, docs/architecture.md §14.3).
// Until this device has the room's record at all (a joiner not synced yet) it has nothing of
// the room to protect and admits any proof that verifies.
//
// Removal notices travel ahead of the blocks: a notice signed by an admin this device knows
// bans the writer here at once (`banned`), before the removal block is downloaded or applied,
// so a peer that holds later blocks never serves them to the removed device meanwhile.
import crypto from 'hypercore-crypto'
import type Hyperbee from 'hyperbee'
import type Hypercore from 'hypercore'
import { readMember, readRoom } from '../../views/members-reads.js'
import { isDeviceBanned, readBan, readRemovalNotices } from '../../views/trust-reads.js'
import type { PeerChannel, Proof, Verdict, Notice, InviteRefusal, Removal, DeviceBinding } from '../network/peer-channel.js'
import { MAX_NOTICES, type ViewHint } from '../network/peer-messages.js'
import { identityOfWriter, readDevice } from '../../views/devices-reads.js'
import { verifyDeviceCert } from '../../views/device-cert.js'
import { inviteRefusal } from '../../views/invites-reads.js'
import type { RoomAccessPoint } from '../network/admission.js'
import { proveAs, provenWriter, verifyNotice, type ProofSigner } from './proofs.js'
import type { RoomCores } from './room-cores.js'
import type { Joiner } from '../view-hint.js'

/** writerKey and keyPair (ProofSigner): this device's writer core in the room. */
export interface AccessHooks extends ProofSigner {
  roomKey: () => Buffer
  view: () => Hyperbee
  cores: RoomCores
  /** A peer showed a removal notice for our writer key, signed by an admin we know. */
  onRemoved: (notice: Notice) => void
  /** The view blocks a joiner's first reads touch here (src/view-hint.ts); none if absent. */
  hintFor?: (joiner: Joiner) => Promise<ViewHint | null>
  /** A peer that admitted us named the view blocks our join will read. */
  onHint?: (hint: ViewHint) => void
}

const ADMITTED: Verdict = { admitted: true }
const REFUSED: Verdict = { admitted: false, reason: 'refused' }

export class RoomAccess implements RoomAccessPoint {
  private readonly hooks: AccessHooks
  /** The invite this device is joining with: shown with the proof until it is a member. */
  ticket: { invite: string, sig: string } | null = null
  /** The binding this device is about to append as a new device of a member: shown with the proof. */
  binding: DeviceBinding | null = null
  /** Writer → the identity it is bound to (v4), as of the last update (set by RoomTrust). */
  identities = new Map<string, { identity: string, removed: boolean }>()
  /** Peers refusing us now, and why (a join in progress fails on it: Membership.join). */
  readonly refusals = new Map<PeerChannel, Verdict & { admitted: false }>()
  /** The owner and admins as of the last update: whose notices count (set by RoomTrust). */
  admins = new Set<string>()
  owner: string | null = null
  /** Writers known removed from peers' notices, ahead of this device's view. */
  private readonly banned = new Map<string, Removal>()

  constructor (hooks: AccessHooks) {
    this.hooks = hooks
  }

  sessions (): Iterable<Hypercore> {
    return this.hooks.cores.sessions()
  }

  prove (token: Buffer): Proof | null {
    const proof: Proof | null = proveAs(this.hooks, token)
    if (proof === null) return null
    if (this.ticket !== null) proof.ticket = this.ticket
    if (this.binding !== null) proof.binding = this.binding
    return proof
  }

  async judge (proof: Proof, peer: { device: string, token: Buffer }): Promise<Verdict> {
    const writer = provenWriter(proof, peer.token, this.hooks.writerKey())
    if (writer === null) return REFUSED // not verified, or our own proof reflected back
    const noticed = this.banned.get(proof.writer)
    if (noticed !== undefined) return removedVerdict(noticed)
    const view = this.hooks.view()
    if (await readRoom(view) === null) return ADMITTED // nothing of the room here yet
    const ban = await readBan(view, proof.writer)
    if (ban !== null) {
      return ban.notice === undefined ? { admitted: false, reason: 'removed' } : removedVerdict({ removed: proof.writer, by: ban.by, ...ban.notice })
    }
    if (await isDeviceBanned(view, peer.device)) return { admitted: false, reason: 'removed' }
    const identity = await identityOfWriter(view, proof.writer)
    if (identity === proof.writer ? await readMember(view, identity) !== null : await isMemberOf(view, identity)) return ADMITTED
    if (proof.binding !== undefined) return await bindingVerdict(view, writer, proof.binding, peer.device)
    if (proof.ticket === undefined) return REFUSED
    const why = await this.ticketRefusal(view, writer, proof.ticket)
    return why === null ? ADMITTED : { admitted: false, reason: 'refused', invite: why }
  }

  async hint (proof: Proof, peer: { device: string }): Promise<ViewHint | null> {
    if (this.hooks.hintFor === undefined) return null
    return await this.hooks.hintFor({ writer: proof.writer, device: peer.device, invite: proof.ticket?.invite ?? null })
  }

  /** Taken only while this device is joining with an invite: a member has its view. */
  hinted (hint: ViewHint): void {
    if (this.ticket !== null) this.hooks.onHint?.(hint)
  }

  judged (verdict: Verdict, peer: PeerChannel): void {
    if (verdict.admitted) {
      this.refusals.delete(peer)
      return
    }
    this.refusals.set(peer, verdict)
    peer.conn.once('close', () => this.refusals.delete(peer))
    if (verdict.reason === 'removed' && verdict.notice !== undefined) {
      this.noticed([{ removed: this.hooks.writerKey().toString('hex'), ...verdict.notice }])
    }
  }

  async notices (): Promise<Removal[]> {
    const known = await readRemovalNotices(this.hooks.view(), MAX_NOTICES)
    const inView = new Set(known.map(n => n.removed))
    for (const removal of this.banned.values()) if (!inView.has(removal.removed)) known.push(removal)
    return known
  }

  // A notice counts when it verifies and its signer may remove that writer in our own copy of
  // the room (the owner anyone, an admin members): a peer cannot make us believe anyone was
  // removed, ourselves included.
  //
  // Admins and the owner are people (identities, §16.2) while notices are signed by writers: a
  // writer counts as its identity while its binding is current. A device of the same identity
  // may remove another (or itself).
  noticed (notices: Removal[]): Removal[] {
    const fresh: Removal[] = []
    const me = this.hooks.writerKey().toString('hex')
    for (const n of notices) {
      if (this.banned.has(n.removed)) continue
      const byBinding = this.identities.get(n.by)
      const by = byBinding === undefined || byBinding.removed ? n.by : byBinding.identity
      const removed = this.identities.get(n.removed)?.identity ?? n.removed
      const sameIdentity = byBinding !== undefined && !byBinding.removed && by === removed
      if (!sameIdentity) {
        if (!this.admins.has(by) || by === removed || removed === this.owner) continue
        if (this.admins.has(removed) && by !== this.owner) continue
      }
      if (!this.verifies(n)) continue
      this.banned.set(n.removed, n)
      fresh.push(n)
      if (n.removed === me) this.hooks.onRemoved({ by: n.by, publicKey: n.publicKey, sig: n.sig })
    }
    return fresh
  }

  // A notice signs the writer removed, or for a person with devices (§16.2) the identity: it
  // then counts for each writer bound to that identity here.
  private verifies (n: Removal): boolean {
    const check = (removed: string): boolean => verifyNotice(this.hooks.roomKey(), Buffer.from(removed, 'hex'), Buffer.from(n.by, 'hex'), Buffer.from(n.publicKey, 'hex'), Buffer.from(n.sig, 'hex'))
    const bound = this.identities.get(n.removed)
    return check(n.removed) || (bound !== undefined && check(bound.identity))
  }

  /**
   * Why peers refuse us, if any does: a removal first, then the most final thing said of our
   * invite (revoked, expired, not an admin's), then one used up (perhaps by a joiner racing us:
   * Membership waits before it believes that), then an invite they do not know.
   */
  refusal (): 'removed' | InviteRefusal | 'refused' | null {
    const order = ['removed', 'revoked', 'expired', 'not-admin', 'used-up', 'unknown', 'refused']
    let best: string | null = null
    for (const v of this.refusals.values()) {
      const why = v.reason === 'removed' ? 'removed' : v.invite ?? 'refused'
      if (best === null || order.indexOf(why) < order.indexOf(best)) best = why
    }
    return best as 'removed' | InviteRefusal | 'refused' | null
  }

  // The joiner's own proof of its invite: the invite exists, is live (views/invites-reads.ts), and
  // signed its writer key; once only admins invite, an admin made it. Null when it lets the joiner
  // in, else what is wrong with it.
  private async ticketRefusal (view: Hyperbee, writer: Buffer, ticket: { invite: string, sig: string }): Promise<InviteRefusal | null> {
    if (!crypto.verify(writer, Buffer.from(ticket.sig, 'hex'), Buffer.from(ticket.invite, 'hex'))) return 'unknown'
    return await inviteRefusal(view, ticket.invite, Date.now())
  }
}

async function isMemberOf (view: Hyperbee, identity: string): Promise<boolean> {
  return await readMember(view, identity) !== null || (await readRoom(view))?.owner === identity
}

/**
 * A new device of a member (docs/architecture.md §16.2): admitted when its network key is the
 * device, the device signed this writer key, the certificate for (identity, device) verifies
 * and is by the identity or one of its current devices here, and the identity is a member. A
 * banned device was refused above (by the connection's network key, which is the device).
 */
async function bindingVerdict (view: Hyperbee, writer: Buffer, binding: DeviceBinding, device: string): Promise<Verdict> {
  if (binding.device !== device) return REFUSED
  if (!crypto.verify(writer, Buffer.from(binding.deviceSig, 'hex'), Buffer.from(binding.device, 'hex'))) return REFUSED
  if (!verifyDeviceCert(binding.cert, binding.identity, binding.device)) return REFUSED
  if (await readBan(view, binding.identity) !== null) return { admitted: false, reason: 'removed' }
  if (!(await isMemberOf(view, binding.identity))) return REFUSED
  if (binding.cert.by === binding.identity) return ADMITTED
  return (await readDevice(view, binding.cert.by))?.identity === binding.identity ? ADMITTED : REFUSED
}

function removedVerdict (removal: Removal): Verdict {
  return { admitted: false, reason: 'removed', notice: { by: removal.by, publicKey: removal.publicKey, sig: removal.sig } }
}
