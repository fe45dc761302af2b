// When a room tells its peers its clock (src/room-peers.ts, docs/architecture.md §6.2): at once
// to a peer whose own messages it newly holds (the author learns they were seen, a joiner that
// it was admitted), and to every other peer at most once a second. A clock to every peer on
// every message made each member's cost per message grow with the members online (issue #18).
// Driven with recording stand-ins for the network and its peer channels, on fake timers.
import { EventEmitter } from 'events'
import { afterEach, beforeEach, expect, test, vi } from 'vitest'
import { RoomPeers } from '../../src/room-peers.js'
import type { Network } from '../../src/network/swarm.js'
import type { PeerChannel, Clock } from '../../src/network/peer-channel.js'
import { silentLogger } from '../../src/log.js'

const ROOM = 'a'.repeat(64)
const ME = 'b'.repeat(64)
const ALICE = 'c'.repeat(64)
const BOB = 'd'.repeat(64)

interface FakePeer {
  key: string
  rooms: Map<string, Clock>
  sent: Array<{ clock: Clock }>
  present: Map<string, Set<string>>
  told: string[][]
  writerIn: (room: string) => string | undefined
  sendClock: (room: string, clock: Clock) => void
  sendPresence: (room: string, writers: string[]) => void
}

function peer (key: string, writer?: string): FakePeer {
  const p: FakePeer = {
    key,
    rooms: new Map([[ROOM, {}]]),
    sent: [],
    present: new Map(),
    told: [],
    writerIn: (room) => room === ROOM ? writer : undefined, // the writer its proof speaks for
    sendClock: (_room, clock) => { p.sent.push({ clock: { ...clock } }) },
    sendPresence: (_room, writers) => { p.told.push(writers) }
  }
  return p
}

/** A RoomPeers over these peers; `applied(writer, seq)` moves this device's clock. */
function setUp (peers: FakePeer[]): { room: RoomPeers, network: EventEmitter, applied: (writer: string, seq: number) => void } {
  const network = Object.assign(new EventEmitter(), { connecting: 0, peers: () => peers as unknown as PeerChannel[] }) as unknown as Network
  const state = { clock: {} as Clock }
  const room = new RoomPeers(network, {
    roomKey: () => ROOM,
    writerKey: () => ME,
    clock: () => state.clock,
    writerLength: () => null,
    signed: () => true,
    onStatus: () => {},
    onSeen: () => {},
    log: () => silentLogger
  })
  room.listen()
  return { room, network, applied: (writer, seq) => { state.clock = { ...state.clock, [writer]: seq } } }
}

beforeEach(() => { vi.useFakeTimers() })
afterEach(() => { vi.useRealTimers() })

test('the author of a message we now hold is told at once; the others within a second, once', () => {
  const alice = peer('p1', ALICE)
  const bob = peer('p2', BOB)
  const { room, applied } = setUp([alice, bob])
  applied(ALICE, 0) // alice's first message reached us
  room.updated()
  expect(alice.sent).toHaveLength(1)
  expect(alice.sent[0]).toEqual({ clock: { [ALICE]: 0 } })
  expect(bob.sent).toHaveLength(0)

  applied(ALICE, 1)
  room.updated()
  applied(ALICE, 2)
  room.updated()
  expect(alice.sent).toHaveLength(3)
  expect(bob.sent).toHaveLength(0)

  vi.advanceTimersByTime(1000)
  expect(bob.sent).toHaveLength(1)
  expect(bob.sent[0].clock).toEqual({ [ALICE]: 2 })
  room.unlisten()
})

test('a peer whose proof has not arrived yet is told at once', () => {
  const old = peer('p3')
  const { room, applied } = setUp([old])
  applied(BOB, 4)
  room.updated()
  applied(BOB, 5)
  room.updated()
  expect(old.sent.map((s) => s.clock[BOB])).toEqual([4, 5])
  room.unlisten()
})

test('a quiet room sends nothing more, and a closed one no late clock', () => {
  const bob = peer('p2', BOB)
  const { room, applied } = setUp([bob])
  applied(ALICE, 0)
  room.updated()
  room.unlisten()
  vi.advanceTimersByTime(5000)
  expect(bob.sent).toHaveLength(0)
})

// Who is online (docs/architecture.md §16.5): the writers we are connected to and those our
// peers say they are connected to; never a writer that is only named in a clock.
test('online: connected to us, or said by a peer; a clock names writers, not who is online', () => {
  const CAROL = 'e'.repeat(64)
  const alice = peer('p1', ALICE)
  const peers = [alice]
  const { room, network } = setUp(peers)
  alice.rooms.set(ROOM, { [ALICE]: 3, [BOB]: 7, [CAROL]: 1 }) // alice holds bob's and carol's messages
  expect([...room.onlineWriters()].sort()).toEqual([ME, ALICE].sort())

  alice.present.set(ROOM, new Set([ALICE, CAROL])) // alice is connected to carol
  network.emit('presence', ROOM, alice)
  expect([...room.onlineWriters()].sort()).toEqual([ME, ALICE, CAROL].sort())
  expect(room.status.online).toBe(3)

  // we tell our peers who we reach when that changes, once per change, and a newcomer at once
  network.emit('peers', ROOM)
  expect(alice.told).toEqual([[ME, ALICE].sort()])
  network.emit('peers', ROOM)
  expect(alice.told).toHaveLength(1)
  const bob = peer('p2', BOB)
  peers.push(bob)
  network.emit('peer-joined', ROOM, bob)
  expect(bob.told).toEqual([[ME, ALICE, BOB].sort()])
  network.emit('peers', ROOM)
  expect(alice.told.at(-1)).toEqual([ME, ALICE, BOB].sort())
  room.unlisten()
})
