// Our Hypercore patch, part 5 (patches/hypercore+11.37.1.patch): a sparse core asking for many
// blocks at once.
//
// Before it sends a block request, Hypercore counts the Merkle nodes it lacks between the block
// and the root that spans it (MerkleTree.missingNodes), so that the peer sends only those. It
// asked storage about them one node at a time, each a read batch waiting on the last. A joiner's
// view is sparse after its fast-forward and holds almost none of them: asking for the ~190
// blocks the admitting peer named (src/view-hint.ts) queued ~1,700 reads one after another,
// about ten a request at 100,000 messages, six at 1,000, and the last request left the joiner
// 100–190 ms after the first (traced in the bench's join figure). With the patch a request
// costs one read batch, whatever the depth. Without the patch the first test fails.
import { test, expect, onTestFinished } from 'vitest'
import { pipeline } from 'stream'
import Corestore from 'corestore'
import type Hypercore from 'hypercore'
import { tmpStorage } from './bases.js'

const LENGTH = 4096
/** Scattered, so that no request's proof covers another's. */
const BLOCKS = Array.from({ length: 32 }, (_, i) => i * 128 + 5)

interface Storage { read: () => unknown }
const storageOf = (core: Hypercore): Storage => (core as unknown as { core: { state: { storage: Storage } } }).core.state.storage

/** Counts the read batches this core's storage opens until `stop` is called. */
function countReads (core: Hypercore): { stop: () => number } {
  const storage = storageOf(core)
  const read = storage.read
  let n = 0
  storage.read = function (this: Storage, ...args: unknown[]) { n++; return (read as (...a: unknown[]) => unknown).apply(this, args) }
  return { stop: () => { storage.read = read; return n } }
}

async function writerAndReader (): Promise<{ writer: Hypercore, reader: Hypercore }> {
  const a = new Corestore(tmpStorage('sparse-a'))
  const b = new Corestore(tmpStorage('sparse-b'))
  onTestFinished(async () => { await a.close(); await b.close() })
  const writer = a.get({ name: 'log' })
  await writer.ready()
  for (let i = 0; i < LENGTH; i += 256) await writer.append(Array.from({ length: 256 }, (_, j) => Buffer.from('block ' + String(i + j))))
  const reader = b.get({ key: writer.key })
  await reader.ready()
  const s1 = a.replicate(true) as unknown as NodeJS.ReadWriteStream
  const s2 = b.replicate(false) as unknown as NodeJS.ReadWriteStream
  pipeline(s1, s2, s1, () => {})
  await reader.update({ wait: true }) // the length and its roots, no block: sparse
  expect(reader.length).toBe(LENGTH)
  return { writer, reader }
}

test('a sparse core asking for many blocks at once reads storage once per request', async () => {
  const { reader } = await writerAndReader()
  const reads = countReads(reader)
  await reader.download({ blocks: BLOCKS }).done()
  const n = reads.stop()
  // Per block: its request's count of missing nodes, then the reply's verification and the
  // block stored (a few batches, the same with or without the patch). Unpatched each request
  // also asked for its ~12 missing nodes one by one: 32 blocks made ~450 read batches here.
  expect(n).toBeLessThan(BLOCKS.length * 5)
  for (const i of BLOCKS) expect((await reader.get(i))?.toString()).toBe('block ' + String(i))
})

test('what a request says it lacks is what the core lacks: the blocks verify, near ones too', async () => {
  const { reader } = await writerAndReader()
  await reader.download({ blocks: BLOCKS }).done()
  // Now part of each path is stored: the next requests lack fewer nodes, and still verify.
  const near = BLOCKS.map((i) => i + 1)
  await reader.download({ blocks: near }).done()
  for (const i of [...BLOCKS, ...near]) expect((await reader.get(i))?.toString()).toBe('block ' + String(i))
  expect(await reader.get(LENGTH - 1)).not.toBeNull()
})
