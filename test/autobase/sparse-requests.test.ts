// Our Hypercore patch, part 5 (patches/hypercore+11.37.1.patch): a sparse core asking for many
// blocks at once, and a core downloading a range.
//
// Before it sends a block request, Hypercore counts the Merkle nodes it lacks between the block
// and the root that spans it (MerkleTree.missingNodes), so that the peer sends only those. It
// asked storage about them one node at a time, each a read batch waiting on the last. A joiner's
// view is sparse after its fast-forward and holds almost none of them: asking for the ~190
// blocks the admitting peer named (src/view-hint.ts) queued ~1,700 reads one after another,
// about ten a request at 100,000 messages, six at 1,000, and the last request left the joiner
// 100–190 ms after the first (traced in the bench's join figure). With the patch a request
// costs a few read batches of 2, 4, 8 … nodes. Without the patch the first test fails; the
// second fails with the patch's first version (one batch of a block's whole path).
import { test, expect, onTestFinished } from 'vitest'
import Corestore from 'corestore'
import type Hypercore from 'hypercore'
import { tmpStorage, replicateStores } from './bases.js'

const LENGTH = 4096
/** Scattered, so that no request's proof covers another's. */
const BLOCKS = Array.from({ length: 32 }, (_, i) => i * 128 + 5)

interface Storage { read: () => unknown }
const storageOf = (core: Hypercore): Storage => (core as unknown as { core: { state: { storage: Storage } } }).core.state.storage

interface ReadBatch { getTreeNode: (...args: unknown[]) => unknown }

/** Counts the read batches this core's storage opens, and the tree nodes asked in them, until `stop`. */
function countReads (core: Hypercore): { stop: () => { batches: number, nodes: number } } {
  const storage = storageOf(core)
  const read = storage.read
  let batches = 0
  let nodes = 0
  storage.read = function (this: Storage, ...args: unknown[]) {
    batches++
    const rx = (read as (...a: unknown[]) => ReadBatch).apply(this, args)
    const get = rx.getTreeNode
    rx.getTreeNode = function (this: ReadBatch, ...a: unknown[]) { nodes++; return get.apply(this, a) }
    return rx
  }
  return { stop: () => { storage.read = read; return { batches, nodes } } }
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
  replicateStores(a, b)
  await reader.update({ wait: true }) // the length and its roots, no block: sparse
  expect(reader.length).toBe(LENGTH)
  return { writer, reader }
}

test('a sparse core asking for many blocks at once reads storage once per request', async () => {
  const { reader } = await writerAndReader()
  const reads = countReads(reader)
  await reader.download({ blocks: BLOCKS }).done()
  const { batches } = reads.stop()
  // Per block: its request's count of missing nodes (~11 of 12 here: 3 batches of 2, 4, 8),
  // then the reply's verification. Unpatched each request asked for its missing nodes one by
  // one: 32 blocks made 448 read batches here (patched: 128).
  expect(batches).toBeLessThan(BLOCKS.length * 5)
  for (const i of BLOCKS) expect((await reader.get(i))?.toString()).toBe('block ' + String(i))
})

test('a core downloading a range asks storage about few more nodes than it lacks', async () => {
  const { reader } = await writerAndReader()
  const reads = countReads(reader)
  await reader.download({ start: 0, end: 1024 }).done() // as the view's download after the first page
  const { batches, nodes } = reads.stop()
  // Requests run ahead of the replies, so each lacks a node or a few. Here unpatched: ~3,650
  // batches of one node each; the first version of this patch, a block's whole path in one
  // batch: 2,048 batches but 14,336 nodes (a joiner's download of a 106,000-block view cost it
  // 60 % more CPU in the bench); batches of 2, 4, 8 …: ~2,440 batches, ~4,800 nodes.
  expect(batches).toBeLessThan(1024 * 4)
  expect(nodes).toBeLessThan(1024 * 8)
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
