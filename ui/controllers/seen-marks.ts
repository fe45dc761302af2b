import type { Message } from '../types.js'
import { parseMessageId } from '../../views/keys.js'

/**
 * Which of this user's messages a peer has (ui/controllers/message-window.ts). Own messages
 * show as pending until the node reports ('seen') the highest seq of ours that a peer has: the
 * id carries each message's seq, so that marks them without asking the node again.
 */
export class SeenMarks {
  /** Our highest seq in this room that a peer has, as the stream last said (-1: none known). */
  private seq = -1

  constructor (private readonly own: () => string | undefined) {}

  reset (): void { this.seq = -1 }

  /** The message, marked seen if this device wrote it and a peer has its seq (its answer may be older). */
  mark (m: Message): Message {
    if (m.seen || (m.author.device ?? m.author.key) !== this.own()) return m
    const seq = parseMessageId(m.id)?.seq
    return seq !== undefined && seq <= this.seq ? { ...m, seen: true } : m
  }

  /** A peer has our messages up to `seq`; false when that is not news. */
  raise (seq: number): boolean {
    if (seq <= this.seq) return false
    this.seq = seq
    return true
  }
}
