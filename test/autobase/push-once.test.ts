// Our Hypercore patch, part 3 (patches/hypercore+11.37.1.patch): a pushed block is sent once.
//
// With pushWrites (our Autobase patch, part 3) a writer pushes each new block to its peers, with
// the proof of the new length, in one message. But Hypercore announced the new length first (a
// sync, at the append), and the push left only after a storage read: the reader asked for that
// length on the sync, and the writer served the block a second time. Now a core that pushes its
// appends sends each peer the push first and the sync after it, and a reader verifying a pushed
// length asks nobody for it meanwhile. Without the patch the first test fails; the others check
// that readers which take no pushes, and a reconnect, still get every block.
import { test, expect } from 'vitest'
import { createBase, replicate, messages, encode, type Peer } from './bases.js'
import { waitFor } from '../helpers/wait.js'

const MESSAGES = 20

interface Counter { tx: number, rx: number }
interface Stats { wireRequest: Counter, wireData: Counter, wireSync: Counter }
const statsOf = (peer: Peer): Stats => (peer.base.local as unknown as { core: { replicator: { stats: Stats } } }).core.replicator.stats
const snapshot = (s: Stats): Record<'requests' | 'data', number> => ({ requests: s.wireRequest.rx, data: s.wireData.tx })

/** What the owner served while `count` messages from `from` went out: requests received, blocks sent. */
async function served (owner: Peer, readers: Peer[], from: number, count: number): Promise<Record<'requests' | 'data', number>> {
  const before = snapshot(statsOf(owner))
  await sendEach(owner, readers, from, count)
  const after = snapshot(statsOf(owner))
  return { requests: after.requests - before.requests, data: after.data - before.data }
}

async function sendEach (owner: Peer, readers: Peer[], from: number, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    await owner.base.append(encode({ text: 'm' + (from + i) }))
    await waitFor(async () => (await Promise.all(readers.map(messages))).every((n) => n === from + i + 1), { message: `the readers to have message ${from + i}` })
  }
}

test('a pushed block reaches the reader once: it does not ask for the length the push carries', async () => {
  const owner = await createBase(null, { pushWrites: true, name: 'owner' })
  const reader = await createBase(owner.base.key, { pushWrites: true, name: 'reader' })
  replicate(owner, reader)
  await sendEach(owner, [reader], 0, 1)

  const sent = await served(owner, [reader], 1, MESSAGES)
  // Unpatched: the reader asked for every block on the sync that came before its push, and the
  // owner sent each twice (20 requests and 40 blocks here; patched 0 and 20).
  expect(sent.requests).toBeLessThanOrEqual(2)
  expect(sent.data).toBeLessThanOrEqual(MESSAGES + 2)
})

test('a reader that takes no pushes still gets every block, asking for it', async () => {
  const owner = await createBase(null, { pushWrites: true, name: 'owner' })
  const reader = await createBase(owner.base.key, { pushWrites: false, name: 'reader' })
  replicate(owner, reader)
  await sendEach(owner, [reader], 0, 1)

  const sent = await served(owner, [reader], 1, MESSAGES)
  // Nothing is pushed to it: it asks for each block (here 40 requests, 40 blocks, as unpatched).
  expect(sent.requests).toBeGreaterThanOrEqual(MESSAGES)
})

test('after a reconnect the reader catches up, and later blocks are again sent once', async () => {
  const owner = await createBase(null, { pushWrites: true, name: 'owner' })
  const reader = await createBase(owner.base.key, { pushWrites: true, name: 'reader' })
  const cut = replicate(owner, reader)
  await sendEach(owner, [reader], 0, 1)
  cut()
  for (let i = 1; i <= 5; i++) await owner.base.append(encode({ text: 'apart' + i }))
  replicate(owner, reader)
  await waitFor(async () => await messages(reader) === 6, { message: 'the reader to catch up after the reconnect' })

  const sent = await served(owner, [reader], 6, 10)
  // Unpatched: 10 requests and 20 blocks.
  expect(sent.requests).toBeLessThanOrEqual(2)
  expect(sent.data).toBeLessThanOrEqual(10 + 2)
})

test('readers in a mesh get every pushed block, each from the owner once', async () => {
  const owner = await createBase(null, { pushWrites: true, name: 'owner' })
  const readers = [await createBase(owner.base.key, { pushWrites: true, name: 'r1' }), await createBase(owner.base.key, { pushWrites: true, name: 'r2' })]
  const all = [owner, ...readers]
  for (let i = 0; i < all.length; i++) for (let j = i + 1; j < all.length; j++) replicate(all[i], all[j])
  await sendEach(owner, readers, 0, 1)

  const sent = await served(owner, readers, 1, MESSAGES)
  // Each reader also hears of the new length from the other; while the owner's push is being
  // verified it asks neither of them for it. Unpatched: 80 blocks for 40 (patched 40–42).
  expect(sent.data).toBeLessThanOrEqual(2 * MESSAGES + 8)
})
