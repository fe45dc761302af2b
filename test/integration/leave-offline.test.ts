// Leaving a room with no network at all: nobody can take the owner's stepping down, and the
// DHT never answers the withdrawal; the room must go without waiting for either (it took
// 5.5 s: the 3 s step-down wait, then ~2.5 s of unanswered unannouncing).
import { test, expect } from 'vitest'
import { createClient, offline } from '../helpers/peers.js'

/** Below the step-down wait (3 s) plus any of the DHT's own timeouts: a deadline, not a speed. */
const LEAVE_DEADLINE_MS = 4000

test('leaving a room while offline neither waits for a peer nor for the DHT', async () => {
  const alice = await createClient(offline)
  const room = await alice.createRoom('alone')
  const kept = await alice.createRoom('kept')
  await room.send('hello')
  expect(room.peers).toBe(0)
  const start = Date.now()
  await alice.leaveRoom(room.id, { anyway: true }) // the owner: steps down first
  expect(Date.now() - start).toBeLessThan(LEAVE_DEADLINE_MS)
  expect(alice.room(room.id)).toBeUndefined()
  expect(alice.rooms.map(r => r.id)).toEqual([kept.id])
  await kept.send('still here') // the other room is untouched
  expect((await kept.messages()).map(m => m.text)).toEqual(['still here'])
})
