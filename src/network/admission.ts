// Admission: who may replicate a room on a connection (docs/architecture.md §6.7).
//
// When a room becomes shared on a connection, each side sends its proof (which writer key it
// speaks for, signed with that key; a joiner adds its invite). Each side judges the other's
// proof against its own copy of the room (src/trust/room-access.ts) and answers with a
// verdict. Admitted: the replication gate opens the room's cores on that connection.
// Refused, or refused later because a removal was applied: the gate closes them.
//
// Verdicts are judged again when the room's members change (meta/trust moved: a removal, a
// join, a role) and, for connections still refused, at every update of the room (the invite
// a joiner holds may arrive later). Judging is async: a newer judgement of the same peer and
// room supersedes an older one still running, so a removal is never undone by a stale answer.
import type Hypercore from 'hypercore'
import type { PeerChannel, Proof, Removal, Verdict } from './peer-channel.js'
import type { ReplicationGate } from './replication-gate.js'
import type { ViewHint } from './peer-messages.js'

/** What a room brings to admission (implemented by src/trust/room-access.ts). */
export interface RoomAccessPoint {
  /** Our proof for the room on a connection (bound to its token); null if we cannot prove yet. */
  prove (token: Buffer): Proof | null
  /** The verdict on a peer's proof: `device` is its network key, `token` the room's token. */
  judge (proof: Proof, peer: { device: string, token: Buffer }): Promise<Verdict>
  /** A peer's verdict on our proof (a refusal may carry a removal notice). */
  judged (verdict: Verdict, peer: PeerChannel): void
  /** The room's open core sessions, offered on admission. */
  sessions (): Iterable<Hypercore>
  /** The removal notices this device knows for the room, to pass on to a peer. */
  notices (): Promise<Removal[]>
  /** Notices a peer passed on: the writer keys newly known as removed (verified, by an admin). */
  noticed (notices: Removal[]): Removal[]
  /** The view blocks a joiner we just admitted will read (null: none to name). A room's only. */
  hint? (proof: Proof, peer: { device: string }): Promise<ViewHint | null>
  /** A peer that admitted us named the view blocks our join will read. A room's only. */
  hinted? (hint: ViewHint): void
}

export class Admission {
  private readonly gate: ReplicationGate
  private readonly rooms = new Map<string, RoomAccessPoint>()
  private readonly changed: (roomKey: string, peer: PeerChannel) => void
  /** The latest judgement started per peer and room: older answers are dropped. */
  private readonly running = new WeakMap<PeerChannel, Map<string, number>>()
  private nextJudgement = 1
  /** The rooms each peer was sent a hint for (once a connection). */
  private readonly hintsSent = new WeakMap<PeerChannel, Set<string>>()

  /** `changed` is called when a peer's standing in a room may have changed. */
  constructor (gate: ReplicationGate, changed: (roomKey: string, peer: PeerChannel) => void) {
    this.gate = gate
    this.changed = changed
  }

  register (roomKey: string, access: RoomAccessPoint): void {
    this.rooms.set(roomKey, access)
    this.gate.addRoom(roomKey, access)
  }

  unregister (roomKey: string): void {
    this.rooms.delete(roomKey)
    this.gate.removeRoom(roomKey)
  }

  /** A peer counts in a room only when both sides admitted each other. */
  isPeer (peer: PeerChannel, roomKey: string): boolean {
    return this.gate.admits(peer.conn, roomKey) && peer.admittedUs(roomKey)
  }

  /**
   * The room became shared with this peer: send what we know of removals first (so a peer that
   * was offline stops serving a removed member before it even downloads the removal), then our
   * proof (again, if we had one).
   */
  shared (peer: PeerChannel, roomKey: string): void {
    const access = this.rooms.get(roomKey)
    if (access === undefined) return
    access.notices().then((notices) => peer.sendNotices(roomKey, notices), () => {})
    const proof = access.prove(peer.tokenOf(roomKey))
    if (proof !== null) peer.sendProof(roomKey, proof)
    if (peer.proofs.has(roomKey)) void this.judge(peer, roomKey)
  }

  /** A peer passed on removal notices: the ones new to us close the removed out and go further. */
  notices (from: PeerChannel, roomKey: string, notices: Removal[], peers: Iterable<PeerChannel>): void {
    const access = this.rooms.get(roomKey)
    if (access === undefined) return
    const fresh = access.noticed(notices)
    if (fresh.length === 0) return
    const sharing = [...peers]
    this.expel(roomKey, fresh, sharing)
    for (const peer of sharing) if (peer !== from) peer.sendNotices(roomKey, fresh)
  }

  /**
   * Closes the room, now and without reading the view, on every connection whose proof speaks
   * for a removed writer, and tells it why. A judgement still running for it is superseded.
   */
  expel (roomKey: string, removals: Removal[], peers: Iterable<PeerChannel>): void {
    const byWriter = new Map(removals.map(r => [r.removed, r]))
    for (const peer of peers) {
      const removal = byWriter.get(peer.proofs.get(roomKey)?.writer ?? '')
      if (removal === undefined) continue
      this.running.get(peer)?.set(roomKey, this.nextJudgement++)
      this.gate.revoke(peer.conn, roomKey)
      const { removed: _removed, ...notice } = removal
      peer.sendVerdict(roomKey, { admitted: false, reason: 'removed', notice })
      this.changed(roomKey, peer)
    }
  }

  proof (peer: PeerChannel, roomKey: string): void {
    void this.judge(peer, roomKey)
  }

  verdict (peer: PeerChannel, roomKey: string): void {
    const verdict = peer.verdicts.get(roomKey)
    const access = this.rooms.get(roomKey)
    if (verdict === undefined || access === undefined) return
    if (verdict.admitted) this.gate.retry(peer.conn, roomKey)
    access.judged(verdict, peer)
    this.changed(roomKey, peer)
  }

  /** A peer named the view blocks our join will read: taken only from a peer that admitted us. */
  hinted (peer: PeerChannel, roomKey: string, hint: ViewHint): void {
    if (peer.admittedUs(roomKey)) this.rooms.get(roomKey)?.hinted?.(hint)
  }

  /**
   * Judges again every peer of the room (`refusedOnly`: those not admitted now); resolves when
   * every verdict is in force.
   */
  async recheck (roomKey: string, peers: Iterable<PeerChannel>, opts: { refusedOnly?: boolean } = {}): Promise<void> {
    const judging: Array<Promise<void>> = []
    for (const peer of peers) {
      if (!peer.proofs.has(roomKey)) continue
      if (opts.refusedOnly === true && this.gate.admits(peer.conn, roomKey)) continue
      judging.push(this.judge(peer, roomKey))
    }
    await Promise.all(judging)
  }

  /** Sends our proof again on every connection sharing the room (we became able to prove). */
  reprove (roomKey: string, peers: Iterable<PeerChannel>): void {
    for (const peer of peers) if (peer.rooms.has(roomKey)) this.shared(peer, roomKey)
  }

  private async judge (peer: PeerChannel, roomKey: string): Promise<void> {
    const access = this.rooms.get(roomKey)
    const proof = peer.proofs.get(roomKey)
    if (access === undefined || proof === undefined) return
    let running = this.running.get(peer)
    if (running === undefined) this.running.set(peer, running = new Map())
    const id = this.nextJudgement++
    running.set(roomKey, id)
    await access.judge(proof, { device: peer.key, token: peer.tokenOf(roomKey) }).then((verdict) => {
      if (running.get(roomKey) !== id || !peer.rooms.has(roomKey) || this.rooms.get(roomKey) !== access) return
      if (verdict.admitted) this.gate.admit(peer.conn, roomKey)
      else this.gate.revoke(peer.conn, roomKey)
      peer.sendVerdict(roomKey, verdict)
      this.changed(roomKey, peer)
      if (verdict.admitted && proof.ticket !== undefined) this.sendHint(peer, roomKey, access, proof)
    }, () => {
      // A view read failed (the room is closing): the connection stays as it was.
    })
  }

  // After the verdict, not in it: the walk takes the owner a few ms it need not hold the
  // admission for, and the joiner needs the hint only at its fast-forward, round trips later.
  private sendHint (peer: PeerChannel, roomKey: string, access: RoomAccessPoint, proof: Proof): void {
    if (access.hint === undefined) return
    let sent = this.hintsSent.get(peer)
    if (sent === undefined) this.hintsSent.set(peer, sent = new Set())
    if (sent.has(roomKey)) return
    sent.add(roomKey)
    access.hint(proof, { device: peer.key }).then((hint) => {
      if (hint !== null && this.rooms.get(roomKey) === access) peer.sendHint(roomKey, hint)
    }, () => {
      // A view read failed (the room is closing): no hint, the joiner reads as before.
    })
  }
}
