// Waiting on events with a deadline: tests never sleep to synchronise.
import type { EventEmitter } from 'events'

export async function waitFor<T> (fn: () => T | Promise<T>, opts: { timeout?: number, interval?: number, message?: string } = {}): Promise<NonNullable<T>> {
  const timeout = opts.timeout ?? 30_000
  const deadline = Date.now() + timeout
  let last: unknown
  while (true) {
    try {
      const value = await fn()
      if (value !== undefined && value !== null && value !== false) return value as NonNullable<T>
    } catch (err) {
      last = err
    }
    if (Date.now() > deadline) {
      throw new Error(`Timed out after ${timeout} ms waiting for ${opts.message ?? 'a condition'}` + (last instanceof Error ? `: ${last.message}` : ''))
    }
    await new Promise(resolve => setTimeout(resolve, opts.interval ?? 25))
  }
}

export function once<T = unknown> (emitter: EventEmitter, event: string, timeout = 30_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      emitter.off(event, onevent)
      reject(new Error(`Timed out after ${timeout} ms waiting for '${event}'`))
    }, timeout)
    const onevent = (value: T): void => {
      clearTimeout(timer)
      resolve(value)
    }
    emitter.once(event, onevent)
  })
}
