// The lifecycle under a Room's public calls (room.ts, room-people.ts): the engine behind it
// (room-engine.ts), opened and closed through ReadyResource, and the guards every call passes
// through. The engine is kept in a WeakMap here, not on the object, so a Room's public face
// carries no handle to it (the Client, tests and bench reach it as roomInternals).
import ReadyResource from 'ready-resource'
import { errors } from './errors.js'
import type { RoomContext } from './room-context.js'
import { RoomEngine } from './room-engine.js'

export interface RoomOptions {
  key: Buffer | null
  namespace: string
  alias: string
  named?: boolean
  encryptionKey?: Buffer | null
}

const engines = new WeakMap<RoomLifecycle, RoomEngine>()

/** The engine behind a room (room.ts and room-people.ts only). */
export function engineOf (room: RoomLifecycle): RoomEngine {
  const e = engines.get(room)
  if (e === undefined) throw new TypeError('Not a LinkUp Room')
  return e
}

/**
 * Resolves once the room is open. Client.ready() lists the rooms before they are open and
 * opens them a few at a time (docs/architecture.md §8); a call that needs the room opens it
 * at once, ahead of its turn (this is ReadyResource's ready(): the first call starts the open).
 */
export async function opened (room: RoomLifecycle): Promise<RoomEngine> {
  if (!room.opened) {
    await room.ready()
    if (!room.opened) throw errors.closed() // closed before its turn came
  }
  return engineOf(room)
}

/** `f` at once when the room is open (a synchronous throw stays one), else after its open. */
export function whenOpen<T> (room: RoomLifecycle, f: (e: RoomEngine) => Promise<T>): Promise<T> {
  return room.opened ? f(engineOf(room)) : opened(room).then(f)
}

/** The engine once the room is open and readable (not closing, not waiting to reopen). */
export async function readable (room: RoomLifecycle): Promise<RoomEngine> {
  const e = await opened(room)
  e.assertReadable()
  return e
}

export abstract class RoomLifecycle extends ReadyResource {
  constructor (ctx: RoomContext, opts: RoomOptions) {
    super()
    engines.set(this, new RoomEngine(this, ctx, opts))
  }

  protected override async _open (): Promise<void> { await engineOf(this).open() }
  protected override async _close (): Promise<void> { await engineOf(this).close() }
}
