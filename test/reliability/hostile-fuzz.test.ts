// A member turns hostile and appends thousands of random and mutated blocks straight to its
// writer core (past the SDK's checks) while two honest peers chat. Nothing may crash, the
// honest views must stay identical, meta/skipped must count exactly the bad blocks, and the
// heap must not grow with the number of blocks.
import { test, expect } from 'vitest'
import fc from 'fast-check'
import { createLocalTestnet, createClient } from '../helpers/peers.js'
import { waitFor } from '../helpers/wait.js'
import { messageIds, sameViews } from '../helpers/views.js'
import { decodeEvent } from '../../views/schema.js'
import { roomInternals } from '../../src/room-internals.js'
import { anyBlock, mutatedEvent } from './arbitraries.js'
import { settledMemory, type Reading } from './memory.js'
import { replicationState } from '../helpers/replication-state.js'

const LONG = process.env.LINKUP_LONG === '1'
const ROUNDS = LONG ? 20 : 4
const PER_ROUND = LONG ? 1000 : 400
const BATCH = 50

/** What the honest peers should make of one block from a plain member. */
class Expectation {
  skipped = 0
  acks = 0
  messages = 0
  private readonly invites = new Map<string, 'live' | 'revoked'>()
  /**
   * `bound`: the hostile writer writes for an identity (docs/architecture.md §16.2: every node
   * with an account binds its writer), so a v1/v3 member-joined from it is refused, not
   * replayed as "already in" (views/members.ts memberJoined).
   */
  constructor (private readonly seed: number, private readonly bound: boolean) {}

  /** Blocks for the next round; none from a "newer build" (that stops the room by design). */
  round (n: number, round: number): Buffer[] {
    const gen = fc.oneof({ weight: 1, arbitrary: anyBlock() }, { weight: 2, arbitrary: mutatedEvent() })
    return fc.sample(gen, { numRuns: n * 2, seed: this.seed + round })
      .map(b => Buffer.from(b))
      .filter(b => decodeEvent(b)?.kind !== 'newer')
      .slice(0, n)
  }

  count (block: Buffer): void {
    // Autobase reads a zero-length block as an ack (node.value === null): not an event at all
    if (block.byteLength === 0) { this.acks++; return }
    const decoded = decodeEvent(block)
    if (decoded === null || decoded.kind !== 'event') { this.skipped++; return }
    const ev = decoded.event
    switch (ev.type) {
      case 'room-created':
      case 'member-removed':
      case 'role-set':
      case 'ownership-transferred':
      case 'invite-policy-set':
        this.skipped++ // only the owner (or an admin) may
        break
      case 'invite-created':
        if (this.invites.has(ev.pub)) this.skipped++ // a pub is used once
        else this.invites.set(ev.pub, 'live')
        break
      case 'invite-revoked':
        if (this.invites.get(ev.pub) === 'live') this.invites.set(ev.pub, 'revoked')
        else this.skipped++
        break
      case 'message-posted':
      case 'file-posted':
      case 'audio-posted':
        this.messages++
        break
      case 'messages-posted':
        this.messages += ev.messages.length
        break
      case 'message-edited':
      case 'message-deleted':
      case 'reaction-added':
      case 'reaction-removed':
        this.skipped++ // the generated targets name random writer keys: never a message in the view
        break
      case 'member-joined':
        if (this.bound) this.skipped++ // a bound writer never joins again as itself
        break // without an identity: a member joining again (already in), applied
      default:
        break // profile-set: applied
    }
  }
}

test(`a hostile member appends ${ROUNDS * PER_ROUND} fuzzed blocks while honest peers chat`, async () => {
  const testnet = await createLocalTestnet()
  const alice = await createClient(testnet, { name: 'alice' })
  const mallory = await createClient(testnet, { name: 'mallory' })
  const carol = await createClient(testnet, { name: 'carol' })
  const room = await alice.createRoom('fuzzed')
  const evil = await mallory.joinRoom(await room.createInvite())
  const carolRoom = await carol.joinRoom(await room.createInvite())
  const honest = [room, carolRoom]
  const expected = new Expectation(Number(process.env.LINKUP_SEED ?? 42), evil.identityKey !== evil.writerKey)
  const baseline = await room.messages({ limit: 500 })
  let chat = 0
  const readings: Reading[] = []
  /** How each honest peer replicates the hostile writer's core: said when a round stalls. */
  const hostileCore = async (): Promise<string> => {
    const states: string[] = []
    for (const h of honest) {
      const core = roomInternals(h).base.store.get({ key: Buffer.from(evil.writerKey, 'hex') })
      await core.ready()
      states.push(replicationState(core))
      await core.close()
    }
    return states.map((s, i) => `at honest peer ${i}: ${s}`).join(' | ')
  }

  for (let r = 0; r < ROUNDS; r++) {
    const blocks = expected.round(PER_ROUND, r)
    const talk = (async () => {
      for (let i = 0; i < 5; i++) {
        await Promise.all(honest.map(h => h.send(`round ${r} line ${i} from ${h.writerKey.slice(0, 6)}`)))
        chat += 2
      }
    })()
    for (let i = 0; i < blocks.length; i += BATCH) {
      const batch = blocks.slice(i, i + BATCH)
      batch.forEach(b => expected.count(b))
      await roomInternals(evil).base.append(batch)
    }
    await talk
    const total = baseline.length + chat + expected.messages
    // Deadlines well inside the test's own, so that a stall names what it waited for (a round
    // takes 1-3 s; a lost upgrade once left both honest peers at the first append of a round:
    // Hypercore patch, part 6)
    const counts = async (): Promise<number[]> => (await Promise.all(honest.map(messageIds))).map(ids => ids.length)
    await waitFor(async () => (await counts()).every(n => n === total),
      { timeout: 30_000, message: `round ${r}: ${total} messages at both honest peers` })
      .catch(async (err: Error) => { throw new Error(`${err.message} (they have ${(await counts()).join(' and ')}; the hostile writer's core ${await hostileCore()})`) })
    await waitFor(() => sameViews(honest), { timeout: 15_000, message: `round ${r}: identical honest views` })
    readings.push(settledMemory())
  }

  for (const h of honest) {
    expect(h.interrupted).toBeNull()
    expect((await roomInternals(h).base.view.get('meta/skipped'))?.value ?? 0).toBe(expected.skipped)
  }
  expect(expected.skipped).toBeGreaterThan(ROUNDS * PER_ROUND / 3)
  // honest peers can still talk to each other
  const last = await carolRoom.send('still talking')
  await waitFor(() => room.message(last.id), { message: 'carol reaches alice after the storm' })
  const warm = readings[1] as Reading
  const end = readings[readings.length - 1] as Reading
  console.log(`hostile fuzz: ${ROUNDS * PER_ROUND} blocks, ${expected.skipped} skipped, ${expected.acks} empty (acks), ${expected.messages} hostile messages, ${chat} honest; heap MiB by round ${readings.map(x => x.heapMiB.toFixed(1)).join(' ')}; rss ${warm.rssMiB.toFixed(0)} -> ${end.rssMiB.toFixed(0)}`)
  expect(end.heapMiB - warm.heapMiB).toBeLessThan(LONG ? 60 : 40)
}, LONG ? 1_800_000 : 90_000)
