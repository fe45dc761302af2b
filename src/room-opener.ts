// The rooms at start: all listed at once, opened in the background a few at a time
// (docs/architecture.md §8). Opening a room is mostly Autobase's own open, ~18 ms of CPU a
// room on a loaded core, and one thread's CPU is not shared by opening rooms together: 100
// rooms took 2.1 s to open, so a person waited that long for the one room they looked at.
// Now a room something asks for (any Room method, or room.ready()) opens at once, ahead of
// its turn, and the rest follow in the saved order, a few at a time: every room opening beside
// the one asked for slows it down (its CPU is shared), so no new one starts while a room asked
// for is still opening.
import type { Room } from './room.js'

export interface OpenerHooks {
  /** Runs once for each room that opened, however its open started. */
  opened: (room: Room) => Promise<void>
  /** A room that could not open (it stays listed; its calls reject with the same error). */
  failed: (room: Room, err: unknown) => void
}

export class RoomOpener {
  readonly #atOnce: number
  readonly #hooks: OpenerHooks
  readonly #queue: Room[] = []
  /** The rooms this opener started: any other room of the queue that is opening was asked for. */
  readonly #started = new WeakSet<Room>()
  #all: Promise<void> = Promise.resolve()

  /** `atOnce`: rooms opened at once in the background, each slowing a room asked for. */
  constructor (atOnce: number, hooks: OpenerHooks) {
    this.#atOnce = atOnce
    this.#hooks = hooks
  }

  /** Opens `rooms` in this order, `atOnce` at a time, in the background. */
  start (rooms: readonly Room[]): void {
    this.#queue.push(...rooms)
    this.#all = Promise.all([this.#all, ...rooms.map(room => this.#whenOpen(room))]).then(() => {})
    for (let i = 0; i < Math.min(this.#atOnce, rooms.length); i++) this.#next().catch(() => {})
  }

  /** Resolves once every room started has opened (and its `opened` hook ended) or failed. */
  all (): Promise<void> {
    return this.#all
  }

  /** Opens no more rooms: the Client is closing (a room not yet opening closes as it is). */
  stop (): void {
    this.#queue.length = 0
  }

  async #next (): Promise<void> {
    for (let room = this.#queue.shift(); room !== undefined; room = this.#queue.shift()) {
      await this.#asked()
      if (room.opening !== null) { // opened ahead of its turn: its failure is reported all the same
        room.opening.catch((err: unknown) => this.#hooks.failed(room, err))
        continue
      }
      this.#started.add(room)
      await room.ready().catch((err: unknown) => this.#hooks.failed(room, err))
    }
  }

  /** Waits while a room asked for ahead of its turn is still opening. */
  async #asked (): Promise<void> {
    for (;;) {
      const asked = this.#queue.find(r => r.opening !== null && !r.opened && r.closing === null && !this.#started.has(r))
      if (asked === undefined) return
      await asked.ready().catch(() => {}) // its caller hears of a failure; the turn reports it too
    }
  }

  // The room's own events, not its ready(): waiting must not start an open.
  async #whenOpen (room: Room): Promise<void> {
    const opened = await new Promise<boolean>((resolve) => {
      if (room.opened || room.closing !== null) return resolve(room.opened)
      const done = (ok: boolean): void => {
        room.off('ready', onready)
        room.off('close', onclose)
        resolve(ok)
      }
      const onready = (): void => done(true)
      const onclose = (): void => done(false)
      room.on('ready', onready)
      room.on('close', onclose)
    })
    if (opened) await this.#hooks.opened(room).catch((err: unknown) => this.#hooks.failed(room, err))
  }
}
