// An indexer that admits a joiner's optimistic block acks it at once, so the admission is in the
// signed state (our Autobase patch, patches/autobase+7.28.1.patch, "the admission acked at once").
//
// A joiner fast-forwards to the signed state while the owner admits it. Unpatched the owner's
// ack came with its ack timer (ackInterval, then a random wait), so the signed state a joiner
// found did not hold its admission, and it applied its own join on a sparse view: one network
// round trip per B-tree level for each read (200–360 ms at 100,000 messages, issue #18). Here
// the ack timer is set to ten minutes: only the patch can sign the admission.
import { test, expect } from 'vitest'
import { createBase, replicate, encode } from './bases.js'
import { waitFor } from '../helpers/wait.js'

const NEVER = 600_000

test('an indexer signs a writer it admitted optimistically without waiting for its ack timer', async () => {
  const owner = await createBase(null, { name: 'owner', signInterval: 1000, ackInterval: NEVER })
  for (let i = 0; i < 5; i++) await owner.base.append(encode({ text: 'history ' + i }))
  await owner.base.append(null) // an ack signs: the history is signed before anyone joins
  expect(owner.base.signedLength).toBe(owner.base.length)
  const before = owner.base.length

  const joiner = await createBase(owner.base.key, { name: 'joiner', signInterval: 1000, ackInterval: NEVER })
  await joiner.base.append(encode({ join: true }), { optimistic: true })
  replicate(owner, joiner)

  // The owner applies the join (its system grows), then signs it: unpatched nothing signs
  // until the ack timer, ten minutes away.
  await waitFor(() => owner.base.length > before, { message: 'the owner to admit the joiner' })
  await waitFor(() => owner.base.signedLength === owner.base.length, { timeout: 10_000, message: 'the admission to be signed' })
  expect(owner.base.signedLength).toBeGreaterThan(before)
  await waitFor(() => joiner.base.writable, { message: 'the joiner to be a writer' })
})
