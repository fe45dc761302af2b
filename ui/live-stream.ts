// Following the node's live stream (GET /api/events) for the store (ui/store.ts).
import { ApiError, type Api } from './api.js'
import type { StreamEvent } from './types.js'

export interface StreamHandlers {
  event: (ev: StreamEvent) => void
  /** The stream dropped; a reconnect follows after a delay. */
  offline: () => void
  /** The session ended (a new access token voided it): no retrying brings it back. */
  fatal: (message: string) => void
}

/** Keeps the live stream open until `signal` aborts; after a drop, reconnects with a growing delay. */
export async function keepListening (api: Pick<Api, 'stream'>, signal: AbortSignal, on: StreamHandlers): Promise<void> {
  let delay = 250
  while (!signal.aborted) {
    try {
      await api.stream(ev => { delay = 250; on.event(ev) }, signal)
    } catch (err) {
      if (signal.aborted) return
      if (err instanceof ApiError && err.status === 401) {
        on.fatal(err.message)
        return
      }
      console.warn('live stream dropped', err)
    }
    on.offline()
    await new Promise(resolve => setTimeout(resolve, delay))
    delay = Math.min(delay * 2, 5000)
  }
}
