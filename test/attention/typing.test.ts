// Typing indicators (docs/architecture.md §15.4) between real peers on a local testnet: over the
// peer channel only (nothing is appended to any log), rate-limited on the wire, cleared by the
// member's message or after a few seconds of silence.
import { test, expect } from 'vitest'
import { createLocalTestnet, createClient } from '../helpers/peers.js'
import { waitFor } from '../helpers/wait.js'
import { roomInternals } from '../../src/room-internals.js'
import { SHOWN_MS } from '../../src/attention/typing.js'
import type { Typist } from '../../src/index.js'

test('bob is typing: shown to alice, never in the log, rate-limited, gone with his message or after silence', async () => {
  const testnet = await createLocalTestnet()
  const alice = await createClient(testnet, { name: 'alice' })
  const bob = await createClient(testnet, { name: 'bob' })
  const room = await alice.createRoom('typing')
  const bobRoom = await bob.joinRoom(await room.createInvite())
  await waitFor(() => room.peers === 1 && bobRoom.peers === 1, { message: 'both online' })
  // only members' typing is shown: alice's view must have admitted bob first
  await waitFor(async () => (await room.members()).some(m => m.key === bobRoom.writerKey && m.name === 'bob'), { message: 'alice has bob as a member, named' })
  const heard: Typist[][] = []
  room.on('typing', (t: Typist[]) => heard.push(t))
  const lengths = (): number[] => [roomInternals(bobRoom).base.local.length, roomInternals(room).base.view.core.length]
  const before = lengths()

  expect(bobRoom.typing()).toBe(true)
  expect(bobRoom.typing()).toBe(false) // at most one every 3 s on the wire
  await waitFor(() => room.typists.length === 1, { message: 'alice sees bob typing' })
  expect(room.typists).toEqual([{ key: bobRoom.writerKey, name: 'bob' }])
  expect(bobRoom.typists).toEqual([]) // never oneself
  expect(lengths()).toEqual(before) // nothing was written anywhere

  await bobRoom.send('done typing')
  await waitFor(() => room.typists.length === 0, { message: 'his message ends it' })

  // silence: gone after SHOWN_MS
  await waitFor(() => bobRoom.typing(), { message: 'the rate limit lets bob say it again', timeout: 5000, interval: 100 })
  await waitFor(() => room.typists.length === 1, { message: 'typing again' })
  const shownAt = Date.now()
  await waitFor(() => room.typists.length === 0, { message: 'silence ends it', timeout: SHOWN_MS + 4000 })
  expect(Date.now() - shownAt).toBeGreaterThan(SHOWN_MS - 1500)
  expect(heard.map(t => t.length)).toEqual([1, 0, 1, 0])
})
