// Our Autobase patch, part 6 (patches/autobase+7.28.1.patch): a base closes while its apply
// waits on the network.
//
// A member that fast-forwarded holds a sparse view: its apply's reads fetch view blocks from
// peers. Closing a LinkUp node ends its connections first, then closes each room's base; if an
// apply waits on such a block right then, only closing the view ends the wait. Unpatched,
// Autobase's close first waits for an ack under way, and the ack of an indexer or of a writer
// that has written (it keeps a checkpoint, so it acks) waits for the apply: the close hung for
// ever (a 60 s hook timeout in test/reliability/join-name, about one run in 100 under load:
// six joiners, a member's own join applied again on its sparse view). Here the member's apply
// of the owner's block reads a view block past the end, which only a peer could send, and the
// connection is cut.
// Without the patch the test fails at its deadline (patched, the close takes the 2 s grace).
import { test, expect } from 'vitest'
import { createBase, replicate, encode } from './bases.js'
import { waitFor } from '../helpers/wait.js'

interface Internals { _acking: boolean, _ackTimer: { trigger: () => Promise<void> } }

test("a member closes while its apply of the owner's block waits for a view block nobody will send", async () => {
  const owner = await createBase(null, { name: 'owner' })
  const member = await createBase(owner.base.key, { name: 'member' })
  const cut = replicate(owner, member)
  await owner.base.append(encode({ add: member.base.local.key.toString('hex'), indexer: false }))
  await waitFor(() => member.base.writable, { message: 'the member to be a writer' })
  await member.base.append(encode({ text: 'hello' })) // as a joiner does: from now on it acks

  await owner.base.append(encode({ fetch: member.base.local.key.toString('hex') }))
  await waitFor(() => member.fetching === 1, { message: "the member's apply to wait on the network" })
  cut() // the node closes its connections first
  const internals = member.base as unknown as Internals
  void internals._ackTimer.trigger().catch(() => {}) // the ack timer fires now
  await waitFor(() => internals._acking, { message: 'the ack to wait for the apply' })

  const closed = await Promise.race([
    member.base.close().then(() => true),
    new Promise<false>((resolve) => setTimeout(() => resolve(false), 10_000).unref())
  ])
  expect(closed, 'the base closed within 10 s').toBe(true)
  expect(member.fetching).toBe(0) // the read ended with the view
})
