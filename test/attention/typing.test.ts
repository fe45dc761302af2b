// Typing indicators (docs/architecture.md §15.4) between real peers on a local testnet: over the
// peer channel only (nothing is appended to any log), rate-limited on the wire, cleared by the
// member's message or after a few seconds of silence.
import { test, expect } from 'vitest'
import type { EventEmitter } from 'events'
import { createLocalTestnet, createClient, tmpStorage } from '../helpers/peers.js'
import { waitFor } from '../helpers/wait.js'
import { roomInternals } from '../../src/room-internals.js'
import { SHOWN_MS } from '../../src/attention/typing.js'
import type { Client, Typist } from '../../src/index.js'

test('bob is typing: shown to alice, never in the log, rate-limited, gone with his message or after silence', async () => {
  const testnet = await createLocalTestnet()
  const alice = await createClient(testnet, { name: 'alice' })
  const bob = await createClient(testnet, { name: 'bob' })
  const room = await alice.createRoom('typing')
  const bobRoom = await bob.joinRoom(await room.createInvite())
  await waitFor(() => room.peers === 1 && bobRoom.peers === 1, { message: 'both online' })
  // only members' typing is shown: alice's view must have admitted bob first
  await waitFor(async () => (await room.members()).some(m => m.key === bobRoom.identityKey && m.name === 'bob'), { message: 'alice has bob as a member, named' })
  const heard: Typist[][] = []
  room.on('typing', (t: Typist[]) => heard.push(t))
  const lengths = (): number[] => [roomInternals(bobRoom).base.local.length, roomInternals(room).base.view.core.length]
  const before = lengths()

  expect(bobRoom.typing()).toBe(true)
  expect(bobRoom.typing()).toBe(false) // at most one every 3 s on the wire
  await waitFor(() => room.typists.length === 1, { message: 'alice sees bob typing' })
  expect(room.typists).toEqual([{ key: bobRoom.identityKey, name: 'bob' }])
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

test('typing indicators off on a device: it neither says it is typing nor shows others, and it lasts a restart', async () => {
  const testnet = await createLocalTestnet()
  const alice = await createClient(testnet, { name: 'alice' })
  const storage = tmpStorage('bob')
  let bob = await createClient(testnet, { name: 'bob', storage })
  const room = await alice.createRoom('quiet')
  let bobRoom = await bob.joinRoom(await room.createInvite())
  await waitFor(() => room.peers === 1 && bobRoom.peers === 1, { message: 'both online' })
  await waitFor(async () => (await bobRoom.members()).some(m => m.key === room.identityKey), { message: 'bob has alice as a member' })
  expect(bob.typingIndicators).toBe(true) // on unless turned off

  // on: bob sees alice typing; turning it off hides her at once
  const bobHeard: Typist[][] = []
  bobRoom.on('typing', (t: Typist[]) => bobHeard.push(t))
  expect(room.typing()).toBe(true)
  await waitFor(() => bobRoom.typists.length === 1, { message: 'bob sees alice typing' })
  await bob.setTypingIndicators(false)
  expect(bob.typingIndicators).toBe(false)
  expect(bobRoom.typists).toEqual([])
  expect(bobHeard.map(t => t.length)).toEqual([1, 0])

  // off: alice's next signal reaches bob's node and is not shown
  const arrived = new Promise<void>((resolve) => network(bob).once('typing', () => resolve()))
  await waitFor(() => room.typing(), { message: 'alice may say it again', timeout: 5000, interval: 100 })
  await arrived
  await new Promise(resolve => setImmediate(resolve))
  expect(bobRoom.typists).toEqual([])
  expect(bobHeard.map(t => t.length)).toEqual([1, 0])

  // off: bob says nothing
  let announced = 0
  const announce = network(bob).announceTyping.bind(network(bob))
  network(bob).announceTyping = (key: string) => { announced++; announce(key) }
  expect(bobRoom.typing()).toBe(false)
  expect(announced).toBe(0)

  // it is this device's setting, kept in attention.json
  await bob.close()
  bob = await createClient(testnet, { storage })
  expect(bob.typingIndicators).toBe(false)
  bobRoom = bob.room(room.id)!
  expect(bobRoom.typing()).toBe(false)
  await bob.setTypingIndicators(true)
  await waitFor(() => bobRoom.peers === 1, { message: 'bob back online' })
  expect(bobRoom.typing()).toBe(true)
  await waitFor(() => room.typists.length === 1, { message: 'on again: alice sees bob typing' })
  await expect(bob.setTypingIndicators('yes' as unknown as boolean)).rejects.toThrow(/on \(true\) or off \(false\)/)
})

function network (c: Client): EventEmitter & { announceTyping: (key: string) => void } {
  return (c as unknown as { network: EventEmitter & { announceTyping: (key: string) => void } }).network
}
