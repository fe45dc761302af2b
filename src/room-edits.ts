// Editing and deleting messages (docs/architecture.md §13). Only the author edits; the author
// or a moderator (the owner or an admin) deletes. Each call resolves with the
// message as the view holds it once the change was applied, or says why apply refused it.
import type Hypercore from 'hypercore'
import { decodeEvent, type FileRef } from '../views/schema.js'
import { parseMessageId } from '../views/keys.js'
import { readMember } from '../views/members-reads.js'
import { errors, LinkUpError } from './errors.js'
import type { Message } from './message.js'
import { checkMentions, checkText, target, type ConversationParts } from './room-conversation.js'

export interface EditsParts extends ConversationParts {
  /** This device's writer core in the current base: its events, as written. */
  local: () => Hypercore
  /** This device's drive in the room, where its files are. */
  files: () => { readonly driveKey: string, readonly store: { remove: (path: string) => Promise<unknown> } }
}

export class Edits {
  private readonly parts: EditsParts

  constructor (parts: EditsParts) {
    this.parts = parts
  }

  /** New text (and mentions) for one of this device's text messages. */
  async edit (id: string, text: string, opts: { mentions?: readonly string[] } = {}): Promise<Message> {
    checkText(text)
    const message = await target(this.parts.reader, id)
    if (message.author.key !== this.parts.writerKey()) throw new LinkUpError('NOT_ALLOWED', 'Only its author can edit a message')
    if (message.type !== 'text') throw errors.invalid('Only text messages can be edited')
    const mentions = await checkMentions(this.parts.view(), opts?.mentions)
    const seq = await this.parts.writer().append(mentions === undefined
      ? { type: 'message-edited', v: 3, id, text, ts: Date.now() }
      : { type: 'message-edited', v: 3, id, text, ts: Date.now(), mentions })
    const edited = await this.parts.reader.ownChange(seq)
    if (edited === null) throw new LinkUpError('NOT_FOUND', 'The message was deleted before the edit reached it')
    return edited
  }

  /**
   * Takes a message back: every view keeps a tombstone in its place. A file or voice message of
   * this device's own also leaves its drive. Deleting a deleted message changes nothing.
   */
  async delete (id: string): Promise<Message> {
    const message = await target(this.parts.reader, id, true)
    if (message.deleted) return message
    const own = message.author.key === this.parts.writerKey()
    if (!own && !(await this.mayModerate())) throw new LinkUpError('NOT_ALLOWED', 'Only its author, the room\'s owner or an admin can delete a message')
    const seq = await this.parts.writer().append({ type: 'message-deleted', v: 3, id, ts: Date.now() })
    const deleted = await this.parts.reader.ownChange(seq) ?? await target(this.parts.reader, id, true)
    if (!deleted.deleted) throw new LinkUpError('NOT_ALLOWED', 'The room did not accept the deletion (you may no longer be allowed to)')
    if (own && message.file !== undefined) await this.removeOwnFile(message.file)
    return deleted
  }

  /** Whether this device may delete anyone's message: its role in the view, as apply reads it (views/permissions.ts). */
  private async mayModerate (): Promise<boolean> {
    const role = (await readMember(this.parts.view(), this.parts.writerKey()))?.role
    return role === 'owner' || role === 'admin'
  }

  /**
   * A moderator deleted one of this device's file or voice messages: free it from the drive
   * too. The tombstone no longer says where the file was; this device's own block does.
   */
  async deletedByOthers (message: Message): Promise<void> {
    if (!message.deleted || message.type === 'text' || message.author.device !== this.parts.local().key.toString('hex')) return // only this device's drive is ours to clean
    const seq = parseMessageId(message.id)?.seq
    const decoded = seq === undefined ? null : decodeEvent(await this.ownBlock(seq))
    if (decoded?.kind !== 'event') return
    const ev = decoded.event
    if (ev.type === 'file-posted' || ev.type === 'audio-posted') await this.removeOwnFile(ev)
  }

  /** Frees a file of this device's own drive, once its message is deleted. */
  private async removeOwnFile (file: FileRef): Promise<void> {
    const files = this.parts.files()
    if (file.drive === files.driveKey) await files.store.remove(file.path)
  }

  /** One of this device's own events as written: the local core holds Autobase's oplog entries. */
  private async ownBlock (seq: number): Promise<Buffer | null> {
    const entry = await this.parts.local().get(seq, { wait: false }) as unknown as { node?: { value?: Buffer | null } } | null
    return entry?.node?.value ?? null
  }
}
