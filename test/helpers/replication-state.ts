// What a core's replicator holds about its peers, in one line: a test that waited for
// replication in vain prints it, so that a stall says which of Hypercore's conditions for asking
// a peer failed (patches/README.md, hypercore part 6: a stall where all held and nobody asked).
// Read only, from Hypercore's internals.
import type Hypercore from 'hypercore'

export interface PeerState { remoteLength: number, lengthAcked: number, remoteCanUpgrade: boolean, paused: boolean, inflight: number, syncsProcessing: number }
interface RequestState { id: number, peer: PeerState, timestamp: number }
export interface ReplicatorState {
  peers: PeerState[]
  _upgrade: { length: number, inflight: RequestState[] } | null
  _pushedUpgrades?: number
  core: { state: { length: number } }
}

/** A session's replicator (shared by every session of its core). */
export function replicatorOf (core: Hypercore): ReplicatorState {
  return (core as unknown as { core: { replicator: ReplicatorState } }).core.replicator
}

export function replicationState (core: Hypercore): string {
  const rep = replicatorOf(core)
  const u = rep._upgrade
  const upgrade = u === null
    ? 'no upgrade wanted'
    : `upgrade from ${u.length}: ` + (u.inflight.length === 0
      ? 'nothing in flight'
      : u.inflight.map(r => `request ${r.id} to peer ${rep.peers.indexOf(r.peer)}, ${Date.now() - r.timestamp} ms old`).join(', '))
  const peers = rep.peers.map((p, i) =>
    `peer ${i} at ${p.remoteLength} (acked ${p.lengthAcked}, ${p.remoteCanUpgrade ? 'can' : 'cannot'} upgrade${p.paused ? ', paused' : ''}, ${p.inflight} in flight, ${p.syncsProcessing} syncs processing)`)
  return `length ${rep.core.state.length}, ${upgrade}, ${rep._pushedUpgrades ?? 0} pushed upgrades verifying; ${peers.join('; ')}`
}
