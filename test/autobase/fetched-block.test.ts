// Our Hypercore patch, part 7 (patches/hypercore+11.37.1.patch): two options of `get` for a
// caller that fetches a block and copies it at once, as readFile does (src/files/blob-buffer.ts).
// - `trustBitfield`: a get of a block the core lacks asked storage first (one RocksDB read batch
//   per block, 800 per 50 MB read) although the core's bitfield in memory already said it was
//   missing. With the option it goes to the network at once; a block the core has is still read.
// - `unslab: false`: a block fetched from a peer is a slice of the message it came in; Hypercore
//   copied it out ("unslab") so that keeping the block would not keep the message, 50 MB of new
//   memory outside the JS heap per 50 MB read. With the option the block comes as the slice.
// Without the patch the first and third tests fail (a storage read per get; a copy comes).
import { test, expect, onTestFinished } from 'vitest'
import Corestore from 'corestore'
import type Hypercore from 'hypercore'
import { tmpStorage, replicateStores, readBatches } from './bases.js'

const LENGTH = 64
const blockOf = (i: number): Buffer => Buffer.from(`block ${i}`.padEnd(24, '.'))

/** A writer's core of LENGTH blocks and a reader that knows its length and has none of its blocks. */
async function writerAndReader (): Promise<{ reader: Hypercore, readerStore: Corestore }> {
  const a = new Corestore(tmpStorage('fetched-a'))
  const b = new Corestore(tmpStorage('fetched-b'))
  onTestFinished(async () => { await a.close(); await b.close() })
  const writer = a.get({ name: 'log' })
  await writer.ready()
  await writer.append(Array.from({ length: LENGTH }, (_, i) => blockOf(i)))
  const reader = b.get({ key: writer.key })
  await reader.ready()
  replicateStores(a, b)
  await reader.update({ wait: true })
  expect(reader.length).toBe(LENGTH)
  expect(reader.contiguousLength).toBe(0)
  return { reader, readerStore: b }
}

test('trustBitfield: a get of a block the core lacks reads no storage before it asks', async () => {
  const { reader, readerStore } = await writerAndReader()
  // wait: false, so that no fetch adds reads of its own: each get ends after its local look.
  const before = readBatches(readerStore)
  const trusting = await Promise.all(Array.from({ length: 16 }, async (_, i) => await reader.get(i, { wait: false, trustBitfield: true })))
  const trustingReads = readBatches(readerStore) - before
  const plain = await Promise.all(Array.from({ length: 16 }, async (_, i) => await reader.get(16 + i, { wait: false })))
  const plainReads = readBatches(readerStore) - before - trustingReads
  expect(trusting.every((b) => b === null)).toBe(true)
  expect(plain.every((b) => b === null)).toBe(true)
  expect(plainReads).toBe(16) // Hypercore's own: one storage read per get
  expect(trustingReads).toBe(0)
})

test('trustBitfield: blocks fetched and blocks already stored come back right', async () => {
  const { reader } = await writerAndReader()
  const fetched = await Promise.all(Array.from({ length: LENGTH / 2 }, async (_, i) => await reader.get(i, { trustBitfield: true })))
  fetched.forEach((block, i) => { expect(block).toEqual(blockOf(i)) })
  // Now stored: the bitfield says so, and the block is read from storage, not fetched again.
  for (let i = 0; i < LENGTH / 2; i++) expect(await reader.get(i, { wait: false, trustBitfield: true })).toEqual(blockOf(i))
  // The reader's own appends are blocks it has: a writer's core read with the option.
  const store = new Corestore(tmpStorage('fetched-own'))
  onTestFinished(async () => { await store.close() })
  const own = store.get({ name: 'own' })
  await own.ready()
  await own.append([blockOf(0), blockOf(1)])
  expect(await own.get(1, { wait: false, trustBitfield: true })).toEqual(blockOf(1))
})

/** Whether `block` is a view into a larger allocation (a slice of a message) rather than a copy of its own. */
const isSlice = (block: Buffer): boolean => block.buffer.byteLength >= 2 * block.byteLength

test('unslab: false: a fetched block is the slice it arrived in, with the right bytes', async () => {
  const { reader } = await writerAndReader()
  const blocks = await Promise.all(Array.from({ length: LENGTH / 2 }, async (_, i) => await reader.get(i, { raw: true, unslab: false })))
  blocks.forEach((block, i) => { expect(block).toEqual(blockOf(i)) })
  // Every block came in a message larger than twice its 24 bytes (its proof, the framing).
  expect(blocks.filter((b) => b !== null && isSlice(b)).length).toBe(LENGTH / 2)
  // The bytes stay right after the rest of the core has arrived (no message buffer is reused).
  await reader.download({ start: LENGTH / 2, end: LENGTH }).done()
  blocks.forEach((block, i) => { expect(block).toEqual(blockOf(i)) })
})

test('without unslab: false a fetched block is still copied out of its message', async () => {
  const { reader } = await writerAndReader()
  const blocks = await Promise.all(Array.from({ length: LENGTH / 2 }, async (_, i) => await reader.get(i, { raw: true })))
  blocks.forEach((block, i) => { expect(block).toEqual(blockOf(i)) })
  expect(blocks.filter((b) => b !== null && isSlice(b)).length).toBe(0)
  // Read back from storage, a block is what storage gives, with or without the option.
  expect(await reader.get(0, { raw: true, unslab: false })).toEqual(blockOf(0))
})
