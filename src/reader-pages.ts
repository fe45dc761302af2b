// Pages of messages for scrolling back (src/message-reader.ts, docs/architecture.md §4.3): reads
// only, through the live view's block cache, skipping what this device's ~clear hides.
import type Hyperbee from 'hyperbee'
import { keys, ranges, positionOf } from '../views/keys.js'
import type { MessageRecord, Clock } from '../views/records.js'
import { locate } from '../views/messages-reads.js'
import { errors } from './errors.js'
import type { Message } from './message.js'

const DEFAULT_PAGE = 50
/** The most messages one page holds: larger pages would hold one reader for seconds. */
export const MAX_PAGE = 500

export interface PageOptions { limit?: number, before?: string, after?: string }
type Shape = (record: MessageRecord, position: number) => Promise<Message>

/**
 * A page of messages, oldest first, ending just before `before` (an id) or at the newest; or,
 * with `after`, starting just after that message (reading on from a jump to an older one).
 */
export async function readPage (view: Hyperbee, opts: PageOptions, cleared: () => Clock, shape: Shape): Promise<Message[]> {
  const limit = opts.limit ?? DEFAULT_PAGE
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_PAGE) throw errors.invalid(`limit is a whole number from 1 to ${MAX_PAGE}: for more, page back with before (the id of the oldest message you have)`)
  if (opts.after !== undefined) {
    if (opts.before !== undefined) throw errors.invalid('A page is before a message or after one, not both')
    const found = await locate(view, opts.after)
    if (found === null) throw errors.notFound('The message')
    return readShown(view, { gt: keys.message(found.position), lt: ranges.messages.lt }, limit, cleared(), shape)
  }
  let lt: string = ranges.messages.lt
  if (opts.before !== undefined) {
    const found = await locate(view, opts.before)
    if (found === null) throw errors.notFound('The message')
    lt = keys.message(found.position)
  }
  return (await readShown(view, { gt: ranges.messages.gt, lt, reverse: true }, limit, cleared(), shape)).reverse()
}

// One range iterator reads one version of the view, through the live view's block cache.
async function readShown (view: Hyperbee, range: { gt: string, lt: string, reverse?: boolean }, limit: number, cleared: Clock, shape: Shape): Promise<Message[]> {
  const out: Message[] = []
  for await (const { key, value } of view.createReadStream(range)) {
    const record = value as MessageRecord
    if (hidden(record, cleared)) continue
    out.push(await shape(record, positionOf(key)))
    if (out.length === limit) break
  }
  return out
}

/** Hidden by ~clear: its writer's cleared seq reaches it. */
export function hidden (record: MessageRecord, cleared: Clock): boolean {
  const mark = cleared[record.author]
  return mark !== undefined && record.seq <= mark
}
