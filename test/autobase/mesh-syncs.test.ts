// Our Hypercore patch (patches/hypercore+11.37.1.patch): no sync a peer has already heard.
//
// Autobase commits a member's own writer core (user data only, its length unchanged) for each
// block it applies, and Hypercore signalled every peer of that core on each commit: in a room
// of n members every member sent n - 1 syncs or more per message that told nobody anything
// (LinkUp's bench counted 2 per message per peer). Without the patch the first test fails. The patch also asks storage whether an upgrade can be served once per tree and remote
// length, not once per peer (the second test fails without it: the method does not exist).
import { test, expect } from 'vitest'
import { createBase, replicate, messages, encode, type Peer } from './bases.js'
import { waitFor } from '../helpers/wait.js'

const MESSAGES = 20

interface Replicator { stats: { wireSync: { tx: number } }, _upgradeable?: (state: unknown, length: number) => Promise<boolean> }
const replicatorOf = (peer: Peer): Replicator => (peer.base.local as unknown as { core: { replicator: Replicator } }).core.replicator

test('a member whose own core did not change sends its peers no sync about it', async () => {
  const owner = await createBase(null, { signInterval: 1000, name: 'owner' })
  const readers = [await createBase(owner.base.key, { name: 'r1' }), await createBase(owner.base.key, { name: 'r2' }), await createBase(owner.base.key, { name: 'r3' })]
  const all = [owner, ...readers]
  for (let i = 0; i < all.length; i++) for (let j = i + 1; j < all.length; j++) replicate(all[i], all[j])
  // The readers are members (writers), as in a room: their own cores are in Autobase's commits.
  for (const r of readers) await owner.base.append(encode({ add: r.base.local.key.toString('hex'), indexer: false }))
  await owner.base.append(encode({ text: 'first' }))
  await waitFor(async () => (await Promise.all(readers.map(messages))).every((n) => n === 1) && readers.every((r) => r.base.writable), { message: 'every reader to be a writer with the first message' })

  const before = readers.map((r) => replicatorOf(r).stats.wireSync.tx)
  for (let i = 0; i < MESSAGES; i++) {
    await owner.base.append(encode({ text: 'm' + i }))
    await waitFor(async () => (await Promise.all(readers.map(messages))).every((n) => n === i + 2), { message: `every reader to have message ${i}` })
  }
  const sent = readers.map((r, k) => replicatorOf(r).stats.wireSync.tx - before[k])
  // Nothing was appended to a reader's own core: at most a sync or two as peers come and go,
  // not one per message per peer (unpatched: 60 each here, 20 messages × 3 peers).
  for (const n of sent) expect(n).toBeLessThan(MESSAGES / 2)
})

test('peers asking at once whether an upgrade can be served share one answer', async () => {
  const owner = await createBase(null, { name: 'owner' })
  for (let i = 0; i < 5; i++) await owner.base.append(encode({ text: 'm' + i }))
  const core = owner.base.local as unknown as { core: { replicator: Replicator, state: { length: number } } }
  const replicator = core.core.replicator
  expect(typeof replicator._upgradeable).toBe('function')
  const first = replicator._upgradeable?.(core.core.state, 2)
  const second = replicator._upgradeable?.(core.core.state, 2)
  expect(second).toBe(first)
  expect(await first).toBe(true)
  // another remote length is another question
  expect(replicator._upgradeable?.(core.core.state, 3)).not.toBe(first)
})
