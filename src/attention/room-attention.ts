// A room's part in attention (docs/architecture.md §15): its unread count and who is typing in
// it, wired to the room's own events. The Room holds one of these and passes its calls through.
import type Hyperbee from 'hyperbee'
import type { Clock } from '../../views/records.js'
import type { Message } from '../message.js'
import type { AttentionState } from './attention-state.js'
import { followRoom, type RoomEvents, type Unread, type UnreadCounter } from './unread-counter.js'
import { Typing, type Typist, type TypingNetwork } from './typing.js'

export type { Unread } from './unread-counter.js'
export type { Typist } from './typing.js'

export interface RoomAttentionParts {
  id: () => string
  writerKey: () => string
  /** The person this device acts for here: room.identityKey (docs/architecture.md §16). */
  identityKey: () => string
  writable: () => boolean
  view: () => Hyperbee
  /** This device's ~clear marker for the room. */
  cleared: () => Clock
  state: AttentionState
  /** Resolves when the view may be read in the background (after a join's first page). */
  settled: () => Promise<void>
  network: TypingNetwork
  warn: (err: unknown) => void
}

/** Emits on the room: 'unread' (Unread), 'typing' (Typist[]). */
export class RoomAttention {
  private readonly counter: UnreadCounter
  private readonly typists: Typing
  private readonly onTypingSetting = (on: boolean): void => { if (!on) this.typists.hide() }
  private readonly state: AttentionState

  constructor (room: RoomEvents, parts: RoomAttentionParts) {
    this.counter = followRoom(room, {
      view: parts.view,
      me: parts.writerKey,
      person: parts.identityKey,
      read: () => parts.state.read(parts.id()),
      cleared: parts.cleared,
      markRead: (upTo) => parts.state.markRead(parts.id(), upTo),
      settled: parts.settled
    })
    this.typists = new Typing(parts.network, {
      roomKey: parts.id,
      me: parts.writerKey,
      identity: parts.identityKey,
      writable: parts.writable,
      enabled: () => parts.state.typing,
      view: parts.view,
      changed: (typists) => room.emit('typing', typists),
      warn: parts.warn
    })
    room.on('message', (m) => this.typists.posted((m as Message).author.device))
    this.state = parts.state
    parts.state.on('typing', this.onTypingSetting)
  }

  /** Counts what is unread (the room's view is open and caught up locally). */
  open (): Promise<void> { return this.counter.recount() }
  /** Hears peers typing (the room is about to join the network). */
  listen (): void { this.typists.listen() }

  async close (): Promise<void> {
    this.state.off('typing', this.onTypingSetting)
    this.typists.unlisten()
    await this.counter.close()
  }

  get unread (): Unread { return this.counter.unread }
  markRead (id?: string): Promise<boolean> { return this.counter.markRead(id) }
  typing (): boolean { return this.typists.typing() }
  get who (): Typist[] { return this.typists.typists }
}
