// Pure steps of the message window (ui/controllers/message-window.ts): reading the newest
// messages in pages the API allows, what a reveal reads around its message, placing a live
// message among the rows by position, and adding a page above or below them.
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

/**
 * The rows with an older page above them (what they lack of it), keeping the oldest `max`;
 * `trimmed` when the newest were dropped for it.
 */
export function withOlder (rows: readonly Message[], page: readonly Message[], max: number): { rows: Message[], trimmed: boolean } {
  const known = new Set(rows.map(m => m.id))
  const out = [...page.filter(m => !known.has(m.id)), ...rows]
  return out.length > max ? { rows: out.slice(0, max), trimmed: true } : { rows: out, trimmed: false }
}

/**
 * The rows with a newer page below them (what they lack of it), keeping the newest `max`;
 * `trimmed` when the oldest were dropped for it.
 */
export function withNewer (rows: readonly Message[], page: readonly Message[], max: number): { rows: Message[], trimmed: boolean } {
  const known = new Set(rows.map(m => m.id))
  const out = [...rows, ...page.filter(m => !known.has(m.id))]
  return out.length > max ? { rows: out.slice(out.length - max), trimmed: true } : { rows: out, trimmed: false }
}

/** What a reveal reads beside its message, and where that leaves the window. */
export interface Around { before: Message[], after: Message[], hasOlder: boolean, atLatest: boolean }

/** The `limit` messages just before message `id`: the window that ends with it (reveal). */
export async function endingWith (api: Pick<Api, 'messages'>, room: string, id: string, limit: number): Promise<Around> {
  const before = await api.messages(room, { limit, before: id })
  return { before, after: [], hasOlder: before.length === limit, atLatest: false }
}

/** `context` messages before message `id` and up to `want` after it: where a reader starts (revealFrom). */
export async function startingAt (api: Pick<Api, 'messages'>, room: string, id: string, context: number, want: number): Promise<Around> {
  const [before, after] = await Promise.all([
    api.messages(room, { limit: context, before: id }),
    api.messages(room, { limit: want, after: id })
  ])
  return { before, after, hasOlder: before.length === context, atLatest: after.length < want }
}
