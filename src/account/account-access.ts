// Who may replicate the account base on a connection (docs/architecture.md §16.3): the same
// admission as a room's (src/network/admission.ts, the proofs of src/trust/proofs.ts), judged
// against the account view. The account has no invites: a peer is admitted when its proof
// speaks for a current writer of the base (writer/<W> → a device not removed). A device being
// linked was added as a writer before its linker confirmed (src/account/linking.ts), so its
// first proof already counts. Until this device has the account's first block (a device just
// linked, not synced yet) it has nothing to protect and admits any proof that verifies.
//
// A refusal that says 'removed' is believed only from a peer this device admits (a current
// device of the account as far as we know): a stranger cannot tell us we were removed.
import type Hyperbee from 'hyperbee'
import type Hypercore from 'hypercore'
import type { RoomAccessPoint } from '../network/admission.js'
import type { PeerChannel, Proof, Removal, Verdict } from '../network/peer-channel.js'
import { proveAs, provenWriter, type ProofSigner } from '../trust/proofs.js'
import type { RoomCores } from '../trust/room-cores.js'
import { accountKeys as keys } from './account-keys.js'

export interface AccountAccessHooks extends ProofSigner {
  view: () => Hyperbee
  cores: RoomCores
  /** Whether this device admits that peer on the account now. */
  admits: (peer: PeerChannel) => boolean
  /** A peer we admit says this device was removed from the account. */
  onRemoved: () => void
}

const ADMITTED: Verdict = { admitted: true }
const REFUSED: Verdict = { admitted: false, reason: 'refused' }

export class AccountAccess implements RoomAccessPoint {
  private readonly hooks: AccountAccessHooks

  constructor (hooks: AccountAccessHooks) {
    this.hooks = hooks
  }

  sessions (): Iterable<Hypercore> {
    return this.hooks.cores.sessions()
  }

  prove (token: Buffer): Proof | null {
    return proveAs(this.hooks, token)
  }

  async judge (proof: Proof, peer: { device: string, token: Buffer }): Promise<Verdict> {
    if (provenWriter(proof, peer.token, this.hooks.writerKey()) === null) return REFUSED
    const view = this.hooks.view()
    if (await view.get(keys.account) === null) return ADMITTED
    if (await view.get(keys.ban(peer.device)) !== null) return { admitted: false, reason: 'removed' }
    const bound = await view.get(keys.writer(proof.writer))
    if (bound === null) return REFUSED
    // The writer's device is the connection's own: a device cannot speak for another's writer.
    return (bound.value as { device: string }).device === peer.device ? ADMITTED : REFUSED
  }

  judged (verdict: Verdict, peer: PeerChannel): void {
    if (!verdict.admitted && verdict.reason === 'removed' && this.hooks.admits(peer)) this.hooks.onRemoved()
  }

  async notices (): Promise<Removal[]> { return [] }
  noticed (): Removal[] { return [] }
}
