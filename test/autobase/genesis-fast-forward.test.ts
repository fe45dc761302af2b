// A brand-new member fast-forwards instead of replaying history (our Autobase patch,
// patches/autobase+7.28.1.patch, "the genesis hold").
//
// A fresh base learns the room's system core only by applying the bootstrap's first block, and
// Autobase fast-forwards only once that core's signed length is known. Unpatched, its first
// update applies every block it has downloaded (up to 64 per writer), so a room whose history
// is in few blocks (group commit packs up to 256 texts in one) is replayed whole: here a room
// of 60 blocks is replayed by every joiner, with or without an optimistic join appended first.
import { test, expect } from 'vitest'
import { createBase, replicate, messages, encode, type Peer } from './bases.js'
import { waitFor } from '../helpers/wait.js'

const BLOCKS = 60

// Done when the view holds every message and the joiner either fast-forwarded or applied them
// all itself (a fast-forward moves the view just before its event is emitted).
async function caughtUp (joiner: Peer): Promise<void> {
  await waitFor(async () => await messages(joiner) === BLOCKS && (joiner.fastForwards > 0 || joiner.applied >= BLOCKS),
    { message: 'the joiner to have all the messages' })
  expect(joiner.fastForwards).toBeGreaterThan(0)
}

async function room (blocks: number): Promise<Peer> {
  const owner = await createBase(null, { name: 'owner' })
  for (let i = 0; i < blocks; i++) await owner.base.append(encode({ text: 'history ' + i }))
  expect(owner.base.signedLength).toBe(owner.base.length)
  return owner
}

test('a fresh member fast-forwards into a room whose history is in few blocks', async () => {
  const owner = await room(BLOCKS)
  const joiner = await createBase(owner.base.key, { name: 'joiner' })
  replicate(owner, joiner)
  await caughtUp(joiner)
  // The bootstrap's first block, and the few its own update held when the hold began.
  expect(joiner.applied).toBeLessThan(10)
})

test('it fast-forwards too when it appended an optimistic join before meeting anyone', async () => {
  const owner = await room(BLOCKS)
  const joiner = await createBase(owner.base.key, { name: 'joiner' })
  await joiner.base.append(encode({ join: true }), { optimistic: true })
  replicate(owner, joiner)
  await caughtUp(joiner)
  expect(joiner.applied).toBeLessThan(10)
  // and its join is applied by the owner: it becomes a writer
  await waitFor(() => joiner.base.writable, { message: 'the joiner to become a writer' })
})

test('a room too small to fast-forward is joined without waiting for one', async () => {
  const owner = await room(2)
  const joiner = await createBase(owner.base.key, { name: 'joiner' })
  replicate(owner, joiner)
  // The hold ends as soon as a peer has told the joiner the signed length, not at its 5 s bound.
  await waitFor(async () => await messages(joiner) === 2, { timeout: 3000, message: 'the joiner to have both messages' })
  expect(joiner.fastForwards).toBe(0)
})

test('a fresh base that met nobody closes at once', async () => {
  const owner = await room(1)
  const joiner = await createBase(owner.base.key, { name: 'joiner' })
  await joiner.base.append(encode({ join: true }), { optimistic: true })
  await joiner.close()
  expect(joiner.base.closed).toBe(true)
})
