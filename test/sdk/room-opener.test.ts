// RoomOpener (src/room-opener.ts), how a Client opens its rooms after ready(): never more than
// the limit at once, in the listed order, a room asked for ahead of its turn, each room's
// opened hook once however it opened, a failure reported without stopping the rest, nothing
// more after stop(). Rooms here are ReadyResources whose open the test lets finish.
import { test, expect } from 'vitest'
import ReadyResource from 'ready-resource'
import { RoomOpener } from '../../src/room-opener.js'
import type { Room } from '../../src/room.js'

class FakeRoom extends ReadyResource {
  started = false
  private finish: ((err?: Error) => void) | null = null
  constructor (readonly id: string, private readonly log: string[]) { super() }
  protected override async _open (): Promise<void> {
    this.started = true
    this.log.push('start ' + this.id)
    await new Promise<void>((resolve, reject) => { this.finish = (err) => err === undefined ? resolve() : reject(err) })
  }

  /** Ends this room's open, as the base's own open would. */
  end (err?: Error): void {
    if (this.finish === null) throw new Error(`${this.id} was never started`)
    this.finish(err)
  }
}

function rooms (n: number, log: string[]): FakeRoom[] {
  return Array.from({ length: n }, (_, i) => new FakeRoom('r' + i, log))
}

const asRooms = (list: FakeRoom[]): Room[] => list as unknown as Room[]
const tick = (): Promise<void> => new Promise(resolve => setImmediate(resolve))

test('opens in order, never more than the limit at once; a room asked for opens at once', async () => {
  const log: string[] = []
  const list = rooms(6, log)
  const opened: string[] = []
  const opener = new RoomOpener(2, { opened: async (r) => { opened.push((r as unknown as FakeRoom).id) }, failed: () => {} })
  opener.start(asRooms(list))
  await tick()
  expect(log).toEqual(['start r0', 'start r1'])
  const asked = list[5]!.ready() // a method of room 5 called: it does not wait for its turn
  await tick()
  expect(log).toEqual(['start r0', 'start r1', 'start r5'])
  list[5]!.end()
  await asked
  await tick()
  expect(opened).toEqual(['r5']) // its hook ran as it opened, not when its turn came
  list[0]!.end()
  await tick()
  expect(log.at(-1)).toBe('start r2')
  for (const i of [1, 2, 3, 4]) {
    await tick()
    list[i]!.end()
    await tick()
  }
  await opener.all()
  expect(log).toEqual(['start r0', 'start r1', 'start r5', 'start r2', 'start r3', 'start r4'])
  expect(opened.sort()).toEqual(['r0', 'r1', 'r2', 'r3', 'r4', 'r5'])
})

test('a room that fails is reported and the rest still open', async () => {
  const log: string[] = []
  const list = rooms(3, log)
  const failed: string[] = []
  const opened: string[] = []
  const opener = new RoomOpener(1, {
    opened: async (r) => { opened.push((r as unknown as FakeRoom).id) },
    failed: (r, err) => { failed.push(`${(r as unknown as FakeRoom).id}: ${(err as Error).message}`) }
  })
  opener.start(asRooms(list))
  await tick()
  list[0]!.end(new Error('damaged'))
  for (const i of [1, 2]) {
    await tick()
    list[i]!.end()
  }
  await opener.all()
  expect(failed).toEqual(['r0: damaged'])
  expect(opened).toEqual(['r1', 'r2'])
  await expect(list[0]!.ready()).rejects.toThrow('damaged') // its calls say why
})

test('after stop() no room starts opening; all() still resolves once the rooms close', async () => {
  const log: string[] = []
  const list = rooms(4, log)
  const opener = new RoomOpener(1, { opened: async () => {}, failed: () => {} })
  opener.start(asRooms(list))
  await tick()
  opener.stop()
  list[0]!.end()
  await tick()
  await Promise.all(list.map(r => r.close()))
  await opener.all()
  expect(log).toEqual(['start r0'])
  expect(list.slice(1).every(r => !r.started)).toBe(true)
})

test('no background room starts while a room asked for is still opening', async () => {
  const log: string[] = []
  const list = rooms(5, log)
  const opener = new RoomOpener(1, { opened: async () => {}, failed: () => {} })
  opener.start(asRooms(list))
  await tick()
  const asked = list[4]!.ready()
  await tick()
  list[0]!.end()
  await tick()
  await tick()
  expect(log, 'r1 waits for the room asked for').toEqual(['start r0', 'start r4'])
  list[4]!.end()
  await asked
  await tick()
  await tick()
  expect(log).toEqual(['start r0', 'start r4', 'start r1'])
  for (const i of [1, 2, 3]) {
    await tick()
    list[i]!.end()
    await tick()
  }
  await opener.all()
  expect(log).toEqual(['start r0', 'start r4', 'start r1', 'start r2', 'start r3'])
})
