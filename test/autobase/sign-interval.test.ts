// Our Autobase patch's bounded signing rate (patches/autobase+7.28.1.patch, `signInterval`).
//
// Autobase makes an indexer sign every view in every block it appends; for the owner of a room
// (sole indexer) that is a checkpoint per message, ~40 % of a message's cost. With signInterval
// an indexer signs at most once per interval in blocks that carry values; acks always sign, and
// a deferred tail is signed by an ack when the interval is up, or at close. Without the patch
// the option is ignored and the first two tests fail (every block is signed).
import { test, expect } from 'vitest'
import { createBase, replicate, signedBlocks, messages, encode, type Peer } from './bases.js'
import { waitFor } from '../helpers/wait.js'

const BURST = 30
const INTERVAL = 1000

/** An owner signing at most once per INTERVAL, and a reader that has its first message. */
async function ownerAndReader (): Promise<{ owner: Peer, reader: Peer }> {
  const owner = await createBase(null, { signInterval: INTERVAL, name: 'owner' })
  const reader = await createBase(owner.base.key, { signInterval: INTERVAL, name: 'reader' })
  replicate(owner, reader)
  await owner.base.append(encode({ text: 'first' }))
  await waitFor(async () => await messages(reader) === 1, { message: 'the reader to have the first message' })
  return { owner, reader }
}

test('an owner signs at most once per signInterval, and the tail soon after the last message', async () => {
  const { owner, reader } = await ownerAndReader()

  const from = owner.base.local.length
  const start = Date.now()
  for (let i = 0; i < BURST; i++) await owner.base.append(encode({ text: 'burst ' + i }))
  const elapsed = Date.now() - start
  const signed = await signedBlocks(owner.base.local, from)
  // One signature when the interval is up (or a clock jump), plus the ack that signs the tail.
  expect(signed).toBeLessThanOrEqual(Math.ceil(elapsed / INTERVAL) + 1)
  expect(signed).toBeLessThan(BURST)

  // `signed` in the room's status is signedLength >= length: it must come true with no more
  // messages, on the owner and on the reader.
  await waitFor(async () => owner.base.signedLength === owner.base.length &&
    reader.base.signedLength === reader.base.length && await messages(reader) === BURST + 1,
  { timeout: 10 * INTERVAL, message: 'the deferred tail to be signed on both peers' })
  expect(reader.base.length).toBe(owner.base.length)
})

test('a deferred signature is made at close, so a restart starts signed', async () => {
  const owner = await createBase(null, { signInterval: 60_000, name: 'owner' })
  // The first block makes the base (its owner becomes the indexer); the second is the first
  // this indexer signs (nothing signed yet: the interval is up); the third is within it.
  await owner.base.append(encode({ text: 'one' }))
  await owner.base.append(encode({ text: 'two' }))
  expect(owner.base.signedLength).toBe(owner.base.length)
  await owner.base.append(encode({ text: 'deferred' }))
  expect(owner.base.signedLength).toBeLessThan(owner.base.length)
  await owner.close()

  const again = await createBase(null, { signInterval: 60_000, storage: owner.storage })
  await again.base.update()
  expect(await messages(again)).toBe(3)
  expect(again.base.signedLength).toBe(again.base.length)
})

test('an ack always signs', async () => {
  const owner = await createBase(null, { signInterval: 60_000, name: 'owner' })
  await owner.base.append(encode({ text: 'one' }))
  await owner.base.append(encode({ text: 'two' }))
  await owner.base.append(null)
  expect(owner.base.signedLength).toBe(owner.base.length)
})

test('without signInterval every block is signed, as in Autobase', async () => {
  const owner = await createBase(null, { name: 'owner' })
  await owner.base.append(encode({ text: 'first' }))
  const from = owner.base.local.length
  for (let i = 0; i < 10; i++) await owner.base.append(encode({ text: 'm' + i }))
  expect(await signedBlocks(owner.base.local, from)).toBe(10)
  expect(owner.base.signedLength).toBe(owner.base.length)
})

test('with two indexers, messages from both are signed on both', async () => {
  const a = await createBase(null, { signInterval: 500, name: 'a' })
  const b = await createBase(a.base.key, { signInterval: 500, name: 'b' })
  replicate(a, b)
  await a.base.append(encode({ add: b.base.local.key.toString('hex'), indexer: true }))
  await waitFor(() => b.base.isIndexer, { timeout: 20_000, message: 'b to be an indexer' })
  for (let i = 0; i < 10; i++) {
    await a.base.append(encode({ text: 'a' + i }))
    await b.base.append(encode({ text: 'b' + i }))
  }
  await waitFor(async () => await messages(a) === 20 && await messages(b) === 20, { message: 'both views to hold the 20 messages' })
  const target = Math.max(a.base.length, b.base.length)
  await waitFor(() => a.base.signedLength >= target && b.base.signedLength >= target,
    { timeout: 20_000, message: 'both peers to sign past the last message' })
})

test('while the owner keeps writing, its messages carry the signatures: no acks of its own', async () => {
  const { owner, reader } = await ownerAndReader()

  // The workload: a message every 40 ms for about 3 s (the pause paces the writer; nothing
  // waits on it), so signatures are due three times or so while values keep coming.
  const from = owner.base.local.length
  const start = Date.now()
  let sent = 0
  while (Date.now() - start < 3 * INTERVAL) {
    await owner.base.append(encode({ text: 'steady ' + sent++ }))
    await new Promise((resolve) => setTimeout(resolve, 40))
  }
  const to = owner.base.local.length
  let acks = 0
  for (let i = from; i < to; i++) if ((await owner.base.local.get(i) as unknown as { node: { value: unknown } }).node.value === null) acks++
  // Before: the ack timer wrote whenever a signature lagged (every 1–2 s), and the sign timer
  // when the interval was up: 3 or more acks here, each a block every peer fetches and applies.
  expect(acks).toBeLessThanOrEqual(1)
  expect(await signedBlocks(owner.base.local, from)).toBeGreaterThanOrEqual(2)
  await waitFor(() => reader.base.signedLength === reader.base.length && owner.base.signedLength === owner.base.length,
    { timeout: 10 * INTERVAL, message: 'the tail to be signed once the owner stops' })
})
