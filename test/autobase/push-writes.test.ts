// Our Autobase patch, part 3 (patches/autobase+7.28.1.patch): the way a new block reaches a peer.
//
// - pushWrites: a writer pushes each new block to its peers (block and upgrade proof in one
//   message), and remote writers' cores accept pushes. Without it a peer first asked for the new
//   length, then for the block: two requests the writer served per block per peer.
// - The wakeup hint a base saves for each block it receives no longer holds up the block: the
//   block's verification waited for that write (a read and a write batch) every time.
// Without the patch both tests fail.
import { test, expect } from 'vitest'
import { createBase, replicate, messages, encode, type Peer } from './bases.js'
import { waitFor } from '../helpers/wait.js'

const MESSAGES = 20

interface Stats { wireRequest: { rx: number }, wireData: { tx: number } }
const statsOf = (peer: Peer): Stats => (peer.base.local as unknown as { core: { replicator: { stats: Stats } } }).core.replicator.stats

test('a writer pushes its blocks: a reader asks for each at most once, not twice', async () => {
  const owner = await createBase(null, { pushWrites: true, name: 'owner' })
  const reader = await createBase(owner.base.key, { pushWrites: true, name: 'reader' })
  replicate(owner, reader)
  await owner.base.append(encode({ text: 'first' }))
  await waitFor(async () => await messages(reader) === 1, { message: 'the reader to have the first message' })

  const before = { ...statsOf(owner).wireRequest }
  for (let i = 0; i < MESSAGES; i++) {
    await owner.base.append(encode({ text: 'm' + i }))
    await waitFor(async () => await messages(reader) === i + 2, { message: `the reader to have message ${i}` })
  }
  const requests = statsOf(owner).wireRequest.rx - before.rx
  // Unpatched: 2 per block (the new length, then the block), 40 here.
  expect(requests).toBeLessThanOrEqual(MESSAGES * 1.5)
})

test("a received block is stored without waiting for the base's wakeup hint to be written", async () => {
  const owner = await createBase(null, { name: 'owner' })
  const reader = await createBase(owner.base.key, { name: 'reader' })
  await owner.base.append(encode({ text: 'first' }))
  // Hold the reader's wakeup writes until the end of the test.
  const wakeup = (reader.base as unknown as { _wakeup: { flush: () => Promise<void> } })._wakeup
  const flush = wakeup.flush.bind(wakeup)
  let release = (): void => {}
  const gate = new Promise<void>((resolve) => { release = resolve })
  wakeup.flush = async () => { await gate; return flush() }
  try {
    replicate(owner, reader)
    const copy = reader.store.get({ key: owner.base.local.key })
    await copy.ready()
    // Unpatched, the block's verification waits for the held write: its length stays 0.
    await waitFor(() => copy.length >= 1, { timeout: 10_000, message: "the owner's block on the reader while the wakeup write is held" })
    await copy.close()
  } finally {
    release()
  }
  await waitFor(async () => await messages(reader) === 1, { message: 'the reader to apply it' })
})
