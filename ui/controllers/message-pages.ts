// Pure steps of the message window (ui/controllers/message-window.ts): reading the newest
// messages in pages the API allows, and placing a live message among the rows by position.
import type { Api } from '../api.js'
import type { Message } from '../types.js'
import { API_LIMITS } from '../../views/limits.js'

/** Loads the newest `count` messages (in pages of at most API_LIMITS.pageMessages). */
export async function readLatest (api: Pick<Api, 'messages'>, room: string, count: number): Promise<Message[]> {
  let out: Message[] = []
  let before: string | undefined
  while (out.length < count) {
    const limit = Math.min(API_LIMITS.pageMessages, count - out.length)
    const page = await api.messages(room, before === undefined ? { limit } : { limit, before })
    out = [...page, ...out]
    if (page.length < limit || page[0] === undefined) break
    before = page[0].id
  }
  return out
}

/**
 * The rows with a message not among them put in its place by position, keeping the newest
 * `max`; `newest` when it went at the end.
 */
export function withRow (rows: readonly Message[], m: Message, max: number): { rows: Message[], newest: boolean } {
  const at = rows.findIndex(r => r.position > m.position)
  let out = at === -1 ? [...rows, m] : [...rows.slice(0, at), m, ...rows.slice(at)]
  if (out.length > max) out = out.slice(out.length - max)
  return { rows: out, newest: at === -1 }
}
