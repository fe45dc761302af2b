// Waiting on events with a deadline: tests never sleep to synchronise.
import type { EventEmitter } from 'events'

/** `p`, or an error naming `what` once `ms` have passed without it settling. */
export async function within<T> (p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`Timed out after ${ms} ms waiting for ${what}`)), ms)
  })
  p.catch(() => {}) // once late, a rejection of `p` must not surface as an unhandled one
  try {
    return await Promise.race([p, late])
  } finally {
    clearTimeout(timer)
  }
}

/**
 * Polls `fn` until it returns a value that is not undefined, null or false. A check that
 * itself never returns (a read waiting on a peer) fails at the deadline too, naming the wait.
 */
export async function waitFor<T> (fn: () => T | Promise<T>, opts: { timeout?: number, interval?: number, message?: string } = {}): Promise<NonNullable<T>> {
  const timeout = opts.timeout ?? 30_000
  const deadline = Date.now() + timeout
  const what = opts.message ?? 'a condition'
  let last: unknown
  while (true) {
    try {
      const value = await within(Promise.resolve().then(fn), Math.max(deadline - Date.now(), 0) + 1_000, `${what} (the check itself had not returned)`)
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
