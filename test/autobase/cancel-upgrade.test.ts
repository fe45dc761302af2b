// Our Hypercore patch, part 6 (patches/hypercore+11.37.1.patch): a cancelled request that
// carried the upgrade leaves a reader asking again.
//
// Hypercore asks a peer for a new length at most once at a time (`Replicator._shouldUpgrade`),
// and attaches that ask to the first block request it sends while one is due. When such a block
// request is cancelled (its block is no longer wanted: a get timed out, or the block came from
// another peer), the upgrade goes with it, and nothing asks again until the next sync or append.
// A peer that has said its length and has nothing more to say never syncs again, so the reader
// waits for ever. Seen in LinkUp's hostile-fuzz test (a member appending 400 blocks a round
// while the other two read them through each other too): the honest peers stuck at the first
// batch of a round, 3 of 14 runs under load. Without the patch this test fails: the reader
// stays at length 1.
import { test, expect } from 'vitest'
import Corestore from 'corestore'
import { tmpStorage } from './bases.js'
import { waitFor } from '../helpers/wait.js'
import { replicatorOf } from '../helpers/replication-state.js'

interface Stream { on: (event: 'data', fn: (data: Buffer) => void) => void, write: (data: Buffer) => boolean, destroy: () => void }

test('a reader whose upgrade went with a cancelled block request asks for the length again', async () => {
  const storeA = new Corestore(tmpStorage('cancel-upgrade-a'))
  const storeB = new Corestore(tmpStorage('cancel-upgrade-b'))
  const writer = storeA.get({ name: 'writer' })
  await writer.ready()
  await writer.append(Buffer.from('block 0'))
  const reader = storeB.get({ key: writer.key })
  await reader.ready()

  // Replication where, once armed, the reader's message that carries its upgrade request makes
  // the writer's messages to the reader (the answer) wait until released.
  const a = writer.replicate(true) as unknown as Stream
  const b = reader.replicate(false) as unknown as Stream
  let armed = false
  let holding = false
  const held: Buffer[] = []
  a.on('data', (data) => { if (holding) held.push(data); else b.write(data) })
  b.on('data', (data) => {
    if (armed && (replicatorOf(reader)._upgrade?.inflight.length ?? 0) > 0) { armed = false; holding = true }
    a.write(data)
  })

  expect((await reader.get(0))?.toString()).toBe('block 0')
  await waitFor(() => replicatorOf(writer).peers[0]?.remoteLength === 1, { message: 'the writer to know the reader is at length 1' })

  const timedOut = reader.get(1, { timeout: 500 }).then(() => null, (err: Error & { code?: string }) => err.code)
  armed = true
  await writer.append(Buffer.from('block 1'))
  // The writer's sync reaches the reader, which asks for block 1 with the upgrade; the answer waits.
  await waitFor(() => holding && (replicatorOf(reader)._upgrade?.inflight.length ?? 0) > 0, { message: 'the reader to ask for block 1 with the upgrade' })
  expect(await timedOut).toBe('REQUEST_TIMEOUT') // the get gives up: its request, and the upgrade, are cancelled
  holding = false
  for (const data of held.splice(0)) b.write(data)
  await waitFor(() => reader.length === 2, { timeout: 5000, message: 'the reader to learn length 2 (unpatched: stays at 1)' })
  expect((await reader.get(1))?.toString()).toBe('block 1')

  a.destroy()
  b.destroy()
  await reader.close()
  await writer.close()
  await storeB.close()
  await storeA.close()
})
