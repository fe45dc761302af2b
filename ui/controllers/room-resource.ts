import type { ReactiveController, ReactiveControllerHost } from 'lit'
import type { AppStore } from '../store.js'
import type { StreamEvent } from '../types.js'

export interface RoomResourceOptions<T> {
  /** The store, once the host has it (a property set after the host is made). */
  store: () => AppStore
  /** Reads it from the node. */
  read: () => Promise<T>
  /** Whether this stream event says it changed (the host may note what it saw). */
  reloadOn: (ev: StreamEvent) => boolean
  loaded: (value: T) => void
  failed: (err: unknown) => void
}

/**
 * Something of one room that a component shows, read from the node (its invites, its seeders):
 * loaded when the host asks, reloaded when the room's stream events say it changed, and only
 * the newest load's answer taken (a generation counter against stale loads).
 */
export class RoomResource<T> implements ReactiveController {
  private generation = 0
  private readonly onEvent = (e: Event): void => {
    if (this.opts.reloadOn((e as CustomEvent<StreamEvent>).detail)) void this.load()
  }

  constructor (host: ReactiveControllerHost, private readonly opts: RoomResourceOptions<T>) {
    host.addController(this)
  }

  hostConnected (): void {
    this.opts.store().addEventListener('room-event', this.onEvent)
  }

  hostDisconnected (): void {
    this.opts.store().removeEventListener('room-event', this.onEvent)
  }

  async load (): Promise<void> {
    const gen = ++this.generation
    try {
      const value = await this.opts.read()
      if (gen === this.generation) this.opts.loaded(value)
    } catch (err) {
      this.opts.failed(err)
    }
  }
}
