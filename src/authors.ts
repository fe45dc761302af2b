// Who wrote a message, as a person (docs/architecture.md §16.5): a message's record keeps its
// writer key W (its id is W:seq), and the view's writer/<W> binding names the identity it wrote
// for. Read at read time, so a binding that arrives after the message needs no rewrite, and a
// room without bindings reads as before (a writer is its own identity). Reactions and mentions
// made by or of a writer key before its binding are folded into its identity here too.
import type Hyperbee from 'hyperbee'
import { readWriter, readWriters } from '../views/devices-reads.js'
import { readUser } from '../views/profiles-reads.js'
import { shownName, type Message } from './message.js'

export class Authors {
  private readonly view: () => Hyperbee
  private readonly identities = new Map<string, Promise<string>>()
  private readonly names = new Map<string, Promise<string>>()

  constructor (view: () => Hyperbee) {
    this.view = view
  }

  /** Forget what was read: profiles or bindings may have changed. */
  clear (): void {
    this.identities.clear()
    this.names.clear()
  }

  /** The identity writer W wrote for (its binding, kept after its device was removed), or W. */
  identityOf (writer: string): Promise<string> {
    let found = this.identities.get(writer)
    if (found === undefined) {
      found = readWriter(this.view(), writer).then((record) => record?.identity ?? writer)
      this.identities.set(writer, found)
    }
    return found
  }

  /** The name shown for a person (identity or writer key). */
  nameOf (key: string): Promise<string> {
    let found = this.names.get(key)
    if (found === undefined) {
      found = readUser(this.view(), key).then((user) => shownName(user?.name, key))
      this.names.set(key, found)
    }
    return found
  }

  /** The message with its author as a person, and reactions and mentions by identity. */
  async shape (message: Message): Promise<Message> {
    const key = await this.identityOf(message.author.device)
    message.author = { key, device: message.author.device, name: await this.nameOf(key) }
    message.mentions = await this.fold(message.mentions)
    for (const [emoji, who] of Object.entries(message.reactions)) message.reactions[emoji] = await this.fold(who)
    return message
  }

  private async fold (keys: string[]): Promise<string[]> {
    if (keys.length === 0) return keys
    return [...new Set(await Promise.all(keys.map((k) => this.identityOf(k))))]
  }
}

/**
 * Notices a writer newly bound to an identity (docs/architecture.md §16.5): messages already
 * shown under its writer key now belong to a person, so the room says 'reset' (reread what you
 * show). Bindings are few (one per linked device), so counting them costs one short range read,
 * and only when profiles moved (every binding moves them).
 */
export class BindingWatch {
  private readonly view: () => Hyperbee
  private known = -1

  constructor (view: () => Hyperbee) {
    this.view = view
  }

  /** Whether the number of bindings changed since the last call (false the first time). */
  async changed (): Promise<boolean> {
    const now = (await readWriters(this.view())).size
    const before = this.known
    this.known = now
    return before !== -1 && now !== before
  }
}
