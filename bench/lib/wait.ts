// Waiting on events with a deadline: never a fixed sleep.
import type { EventEmitter } from 'node:events'

export class Timeout extends Error {
  constructor (what: string, ms: number) {
    super(`timed out after ${ms} ms waiting for ${what}`)
  }
}

/** Resolves with the first arguments of `event` (filtered by `accept`), or rejects at the deadline. */
export function once<T = unknown> (emitter: EventEmitter, event: string, ms: number, accept: (value: T) => boolean = () => true): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      emitter.off(event, on)
      reject(new Timeout(`'${event}'`, ms))
    }, ms)
    const on = (value: T): void => {
      if (!accept(value)) return
      clearTimeout(timer)
      emitter.off(event, on)
      resolve(value)
    }
    emitter.on(event, on)
  })
}

/**
 * Re-evaluates `check` whenever `emitter` emits one of `events` (and once at the start) until it
 * returns true. Event-driven, with a deadline.
 */
export function until (emitter: EventEmitter, events: string[], check: () => boolean | Promise<boolean>, ms: number, what = 'a condition'): Promise<void> {
  return new Promise((resolve, reject) => {
    let done = false
    let running = false
    let again = false
    const finish = (err?: Error): void => {
      if (done) return
      done = true
      clearTimeout(timer)
      for (const e of events) emitter.off(e, poke)
      if (err) reject(err)
      else resolve()
    }
    const poke = (): void => {
      if (done) return
      if (running) { again = true; return }
      running = true
      Promise.resolve().then(check).then((ok) => {
        running = false
        if (ok) finish()
        else if (again) { again = false; poke() }
      }, (err: Error) => finish(err))
    }
    const timer = setTimeout(() => finish(new Timeout(what, ms)), ms)
    for (const e of events) emitter.on(e, poke)
    poke()
  })
}

/**
 * Polls `check` every `every` ms until it returns true, with a deadline. For state that has no
 * event to wait on (e.g. a core's length reached through replication we do not own).
 */
export async function poll (check: () => boolean | Promise<boolean>, ms: number, what = 'a condition', every = 5): Promise<void> {
  const deadline = Date.now() + ms
  while (!(await check())) {
    if (Date.now() > deadline) throw new Timeout(what, ms)
    await new Promise((resolve) => setTimeout(resolve, every))
  }
}
