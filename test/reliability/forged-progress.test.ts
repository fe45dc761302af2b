// A peer could fake "syncing history 0%" for ever (issue #13, item 7) by repeating a forged
// clock on the peer channel: the status believed any seq a peer claimed to have applied. A
// claim now counts only up to what replication shows of that writer (its core's length, which
// the writer signs), and a writer this device does not know counts for nothing.
import crypto from 'crypto'
import { describe, expect, it, onTestFinished } from 'vitest'
import { Network } from '../../src/network/swarm.js'
import { syncProgress } from '../../src/room-peers.js'
import { roomInternals } from '../../src/room-internals.js'
import { createClient, createLocalTestnet } from '../helpers/peers.js'
import { waitFor } from '../helpers/wait.js'

const A = 'aa'.repeat(32)
const B = 'bb'.repeat(32)
const C = 'cc'.repeat(32)

describe('a peer\'s claims about its progress', () => {
  it('count only as far as replication shows', () => {
    const lengths: Record<string, number> = { [A]: 10, [B]: 5 }
    const known = (w: string): number | null => lengths[w] ?? null
    // An honest peer ahead of us, within what replication shows: we are behind.
    expect(syncProgress({ [A]: 4, [B]: 4 }, [{ [A]: 9, [B]: 4 }], known)).toEqual({ behind: true, progress: 10 / 15 })
    // Caught up: not behind, whatever the peer says beyond the writers' lengths.
    expect(syncProgress({ [A]: 9, [B]: 4 }, [{ [A]: 1e9, [B]: 4 }], known)).toEqual({ behind: false, progress: 1 })
    // A writer this device knows nothing of (a made-up key) counts for nothing.
    expect(syncProgress({ [A]: 9 }, [{ [A]: 9, [C]: 1e9 }], known)).toEqual({ behind: false, progress: 1 })
    // Behind a real writer, a forged claim adds no more than replication shows.
    expect(syncProgress({ [A]: 4 }, [{ [A]: 1e9 }], known)).toEqual({ behind: true, progress: 5 / 10 })
    // Replication ahead of the claims: the claims are what we are behind.
    expect(syncProgress({ [A]: 4 }, [{ [A]: 6 }], known)).toEqual({ behind: true, progress: 5 / 7 })
    expect(syncProgress({}, [], known)).toEqual({ behind: false, progress: 1 })
  })

  it('a forged clock repeated on the peer channel does not hold the room at 0 %', async () => {
    const testnet = await createLocalTestnet()
    const alice = await createClient(testnet, { name: 'alice' })
    const room = await alice.createRoom('progress')
    for (let i = 0; i < 5; i++) await room.send(`message ${i}`)

    // A hostile member (since the room's gate admits members only, docs/architecture.md §6.7):
    // bob joins with an invite, then his node repeats a forged clock on the peer channel.
    const bob = await createClient(testnet, { name: 'bob' })
    await bob.joinRoom(await room.createInvite())
    const forger = (bob as unknown as { network: Network }).network
    const forged = { [room.writerKey]: 1_000_000_000, [crypto.randomBytes(32).toString('hex')]: 1_000_000_000 }
    const repeat = setInterval(() => forger.announceClock(room.id, forged), 100)
    onTestFinished(() => clearInterval(repeat))

    await waitFor(() => room.status.peers === 1, { timeout: 30_000, message: 'the forger connected' })
    // The owner signs at most once a second, with an ack at the end of its core once it stops
    // writing: a block past every event, which no clock counts. Wait for it: a forged claim
    // capped at the core's length then claimed the ack (before the fix: behind for ever, at
    // 11 of 13; the test had passed only when it looked before the ack was written).
    const internals = roomInternals(room)
    const ownClock = (): number => (internals as unknown as { reader: { clock: Record<string, number> } }).reader.clock[room.writerKey] ?? -1
    await waitFor(() => internals.base.local.length > ownClock() + 1, { message: 'the owner\'s tail signed with an ack' })
    // While the forged clock is what alice holds for bob, her status must come to rest at
    // "up to date": her own newest blocks (the invite, bob's admission) can be a moment from
    // applied, but a forged claim must never hold her behind (before the fix: 0 % for ever).
    const forgedHeld = (): boolean => {
      const channel = (alice as unknown as { network: Network }).network.peers(room.id)[0]
      return channel?.rooms.get(room.id)?.[room.writerKey] === 1_000_000_000
    }
    await waitFor(() => forgedHeld() && !room.status.behind && room.status.progress === 1,
      { message: 'up to date while the forged clock is held' })
    expect(room.status).toMatchObject({ peers: 1, behind: false, progress: 1 })
    // Nor does a forged claim to have applied our blocks count beyond what we wrote.
    // (bob, a real member, may truly have applied all alice wrote: only beyond it is forged.)
    expect(roomInternals(room).membership.confirmedByPeer(roomInternals(room).base.local.length + 1)).toBe(false)
  })
})
