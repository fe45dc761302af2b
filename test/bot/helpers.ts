// Watching a room for bot replies, keyed by the message they answer.
import type { Message, Room } from '../../src/index.js'
import { isBotMessage } from '../../src/index.js'
import { waitFor } from '../helpers/wait.js'

export interface Replies {
  /** Bot replies to the message with this id, in the order they arrived. */
  to: (id: string) => Message[]
  all: () => Message[]
  /** The first reply to `id`, waiting up to `timeout` ms. */
  first: (id: string, timeout?: number) => Promise<Message>
}

export function watchReplies (room: Room): Replies {
  const seen: Message[] = []
  room.on('message', (m: Message) => { if (isBotMessage(m)) seen.push(m) })
  const to = (id: string): Message[] => seen.filter(m => m.replyTo === id)
  return {
    to,
    all: () => [...seen],
    first: (id, timeout = 30_000) => waitFor(() => to(id)[0], { timeout, message: `a reply to ${id}` })
  }
}

/** The reply's text without the invisible bot marker. */
export function body (m: Message): string {
  return (m.text ?? '').slice(1)
}
