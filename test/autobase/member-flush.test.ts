// Our Autobase patch, part 5 (patches/autobase+7.28.1.patch): a writer applying others' blocks
// commits them to storage once per apply, not twice.
//
// A base that is a writer keeps a checkpoint of its own core, and Autobase flushed its store an
// extra time in every apply before updating that checkpoint, so that the checkpoint would see
// the local nodes just appended. A member applying the owner's message appends none: that
// flush was a second RocksDB write batch on the member for every message, on the latency path.
// Without the patch the test fails.
import { test, expect, onTestFinished } from 'vitest'
import { createBase, replicate, messages, encode, type Peer } from './bases.js'
import { waitFor } from '../helpers/wait.js'

const MESSAGES = 20

interface Atom { db: { path: string }, flush: () => Promise<void> }

/** Counts the atomic batches (Autobase's store flushes) committed to `peer`'s storage. */
function countCommits (peer: Peer): { count: number } {
  const storage = (peer.store as unknown as { storage: { createAtom: () => Atom } }).storage
  const proto = Object.getPrototypeOf(storage.createAtom()) as Atom
  const flush = proto.flush
  const counter = { count: 0 }
  proto.flush = function (this: Atom) {
    if (this.db.path.startsWith(peer.storage)) counter.count++
    return flush.call(this)
  }
  onTestFinished(() => { proto.flush = flush })
  return counter
}

test("a member applying the owner's messages commits once per message, not twice", async () => {
  const owner = await createBase(null, { signInterval: 1000, pushWrites: true, name: 'owner' })
  const member = await createBase(owner.base.key, { signInterval: 1000, pushWrites: true, name: 'member' })
  replicate(owner, member)
  await owner.base.append(encode({ add: member.base.local.key.toString('hex'), indexer: false }))
  await owner.base.append(encode({ text: 'first' }))
  await waitFor(async () => member.base.writable && await messages(member) === 1, { message: 'the member to be a writer with the first message' })
  // A member that has written (as one does on joining) has its checkpoint core open.
  await member.base.append(encode({ text: 'hello' }))
  await waitFor(async () => await messages(owner) === 2 && await messages(member) === 2, { message: "both to have the member's message" })

  const commits = countCommits(member)
  for (let i = 0; i < MESSAGES; i++) {
    await owner.base.append(encode({ text: 'm' + i }))
    await waitFor(async () => await messages(member) === i + 3, { message: `the member to have message ${i}` })
  }
  // Unpatched: 2 per message (40–42 here; patched 21–23: the member's acks add a few).
  expect(commits.count).toBeLessThanOrEqual(MESSAGES * 1.25)
  expect(commits.count).toBeGreaterThanOrEqual(MESSAGES * 0.5)
})
