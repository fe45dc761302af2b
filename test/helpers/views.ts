// Reading a room's whole view, for comparing peers key for key.
import type { Room } from '../../src/index.js'
import { roomInternals } from '../../src/room-internals.js'

export async function dumpView (room: Room): Promise<string[]> {
  const out: string[] = []
  for await (const { key, value } of roomInternals(room).base.view.createReadStream()) out.push(key + '=' + JSON.stringify(value))
  return out
}

/** Message ids in linearised order. */
export async function messageIds (room: Room): Promise<string[]> {
  const out: string[] = []
  for await (const { value } of roomInternals(room).base.view.createReadStream({ gt: 'msg/', lt: 'msg0' })) out.push((value as { id: string }).id)
  return out
}

/** Resolves when every room's view is the same, key for key. */
export async function sameViews (rooms: Room[]): Promise<boolean> {
  const dumps = await Promise.all(rooms.map(dumpView))
  const first = JSON.stringify(dumps[0])
  return dumps.every(d => JSON.stringify(d) === first)
}
