// A room: one Autobase (its own Corestore namespace) whose view is the room's Hyperbee.
// Writes go to the log as events (room-writer.ts); everything read comes from the view.
// Room is the public face, one line per call (its calls about who is in: room-people.ts; the
// open and close under them: room-lifecycle.ts); room-engine.ts wires the parts behind it, each
// concern a module: what is said (room-conversation.ts, room-edits.ts, room-reactions.ts), who is
// in (room-membership.ts), profile publishing (room-profile.ts), peers and sync (room-peers.ts),
// the message feed (message-reader.ts), files (files/room-files.ts), roles (room-roles.ts),
// trust and admission (trust/room-trust.ts), signing with some signers away (room-signing.ts).
// A new concern is a new module and a few lines here.
import type { Readable } from 'stream'
import { isName, LIMITS, type Role } from '../views/schema.js'
import { wellFormed } from '../views/limits.js'
import type { RoomRecord } from '../views/records.js'
import { readRoom } from '../views/members-reads.js'
import { errors, type LinkUpError } from './errors.js'
import type { Message } from './message.js'
import type { RoomStatus } from './room-peers.js'
import type { RoomContext } from './room-context.js'
import type { SendOptions } from './room-conversation.js'
import type { RoomEngine } from './room-engine.js'
import { setRoomInternals } from './room-internals.js'
import { engineOf, opened, readable, whenOpen, type RoomOptions } from './room-lifecycle.js'
import { RoomPeople } from './room-people.js'
import type { FileSource, ReadOptions, StreamOptions, FileInfo } from './files/room-files.js'

export type { RoomStatus } from './room-peers.js'
export type { Member } from './names/member.js'
export type { InviteOptions, LiveInvite } from './room-invites.js'
export type { RoomContext } from './room-context.js'
export type { Unread, Typist } from './attention/room-attention.js'
import type { Unread, Typist } from './attention/room-attention.js'
export type { SendOptions } from './room-conversation.js'
export { viewSigned } from './room-base.js'

/** The name a joined room has on this device until its own name is known. */
export const DEFAULT_ALIAS = 'room'

/**
 * Events: 'message' (Message) for each message entering the view; 'update' (Message) when one
 * already in the view is edited, deleted or reacted to; 'reset' when history was
 * reordered, or a device was bound to a person so its messages have a new author (reread what
 * you show); 'status' (RoomStatus); 'seen' (seq) when a peer received
 * our messages up to seq; 'profile' when a user changed; 'cleared'; 'interrupted'
 * (LinkUpError) when a newer build's events stopped the room; 'renamed' (alias) when a joined
 * room takes its own name; 'download-progress' ({ id, bytes, total }) while a file message's
 * bytes are read; 'role' (Role | null) when this device's role changed; 'invite-policy' ({ adminsOnly }) when
 * "only admins invite" was turned on or off (mayInvite may have changed); 'removed' ({ by: the remover's member key }) once,
 * when this device was removed from the room (its view says so, or a peer showed the remover's
 * signed notice); 'unread' (Unread) when what this user has not read changed; 'typing'
 * (Typist[]) when who is typing here changed; 'access' when who is in, their roles or the room's invites changed (reread
 * members() and invites()); 'warning' (Error).
 */
export class Room extends RoomPeople {
  readonly #e: RoomEngine

  /**
   * `encryptionKey`: a new room's key, or the one a joiner's invite carries; left out when
   * reopening (the base keeps it in this device's storage) and null for an unencrypted room.
   */
  constructor (ctx: RoomContext, opts: RoomOptions) {
    super(ctx, opts)
    this.#e = engineOf(this)
    setRoomInternals(this, this.#e)
  }

  /** The key the room's cores are encrypted with (null: a room made before encryption). */
  get encryptionKey (): Buffer | null { return this.#e.encryptionKey }
  get encrypted (): boolean { return this.#e.encryptionKey !== null }

  /**
   * Asks every member's node to keep the room on this seeder too (the key `linkup seed`
   * printed): the view lists it, and each member gives it the room's cores, encrypted. A room
   * made before encryption is refused (NOT_ENCRYPTED).
   */
  async addSeeder (key: string): Promise<void> {
    await readable(this)
    return await this.#e.seeders.add(key)
  }

  /** Takes a seeder off the room's list (whoever added it, the owner or an admin). */
  async removeSeeder (key: string): Promise<void> {
    await readable(this)
    return await this.#e.seeders.remove(key)
  }

  /** The seeders keeping the room on this node: the room's list, then the node's own (`--seeder`). */
  get seeders (): string[] { return this.#e.seeders.all }

  /** The room's key (hex): its id everywhere. */
  get id (): string { return this.#e.id }
  /** This device's writer key in the room: the author.key of its messages. */
  get writerKey (): string { return this.#e.writerKey }
  get writable (): boolean { return this.#e.writable }
  /**
   * This device's role in the room: 'owner', 'admin', 'member', or null once removed. (The
   * creator is the owner from the start, before its first block is applied.)
   */
  get role (): Role | null {
    const role = this.#e.trust.role
    return role === null && !this.#e.trust.removed && this.id === this.writerKey ? 'owner' : role
  }

  get isOwner (): boolean { return this.role === 'owner' }
  /**
   * Whether this device may invite people here now (views/invite-rules.ts): a member, not
   * removed, and an owner or admin when only admins invite.
   */
  get mayInvite (): boolean {
    const role = this.role
    return role !== null && !this.removed && (role !== 'member' || !this.#e.trust.adminsOnly)
  }
  /** Whether this device was removed from the room (it emitted 'removed'). */
  get removed (): boolean { return this.#e.trust.removed }
  /** The room's name on this device. */
  get alias (): string { return this.#e.name.alias }
  get peers (): number { return this.#e.peerState.list.length }
  get status (): RoomStatus { return this.#e.status }
  /** Why a newer build's events stopped the room, or null. */
  get interrupted (): LinkUpError | null { return this.#e.interruption }
  /** The largest file sendFile / sendAudio accept, in bytes. */
  get maxFileBytes (): number { return this.#e.files.maxBytes }

  /** The room's own record: the alias its owner gave it, and the owner's key. */
  async meta (): Promise<RoomRecord | null> {
    await readable(this)
    return await readRoom(this.#e.base.view)
  }

  /** Renames the room on this device only. */
  async setAlias (name: string): Promise<void> {
    await opened(this)
    const alias = typeof name === 'string' ? wellFormed(name) : name
    if (!isName(alias, LIMITS.aliasChars)) throw errors.badName('A room name', LIMITS.aliasChars)
    await this.#e.name.choose(alias)
  }

  /** Posts a Markdown message, replying to the message `replyTo`, calling the members `mentions`. */
  send (text: string, opts: SendOptions = {}): Promise<Message> {
    return whenOpen(this, () => this.#e.parts.conversation.send(text, opts))
  }

  /** New text (and mentions) for one of your text messages; resolves with it as edited. */
  edit (id: string, text: string, opts: { mentions?: readonly string[] } = {}): Promise<Message> {
    return whenOpen(this, () => this.#e.parts.edits.edit(id, text, opts))
  }

  /** Takes a message back (yours; anyone's as the owner or an admin): a tombstone stays in its place. */
  delete (id: string): Promise<Message> {
    return whenOpen(this, () => this.#e.parts.edits.delete(id))
  }

  /** Adds your reaction `emoji` (one emoji) to a message; `unreact` takes it off. */
  react (id: string, emoji: string): Promise<Message> {
    return whenOpen(this, () => this.#e.parts.reactions.react(id, emoji))
  }

  unreact (id: string, emoji: string): Promise<Message> {
    return whenOpen(this, () => this.#e.parts.reactions.unreact(id, emoji))
  }

  /** Writes a file (bytes or a stream, up to maxFileBytes) to this user's drive and posts it. */
  sendFile (name: string, data: FileSource, mime?: string): Promise<Message> {
    return whenOpen(this, () => this.#e.files.sendFile(name, data, mime))
  }

  /** Posts a voice message (an audio/* recording of durationMs milliseconds). */
  sendAudio (data: FileSource, mime: string, durationMs: number): Promise<Message> {
    return whenOpen(this, () => this.#e.files.sendAudio(data, mime, durationMs))
  }

  /** The bytes of a file or audio message, from whichever peer online holds them. */
  readFile (message: Message, opts?: ReadOptions): Promise<Buffer> {
    return whenOpen(this, () => this.#e.files.readFile(message, opts))
  }

  /** A stream of a file message's bytes, or of start..end (inclusive). */
  createFileStream (message: Message, opts?: StreamOptions): Promise<Readable> {
    return whenOpen(this, () => this.#e.files.createFileStream(message, opts))
  }

  /** A file message's name, type, size and drive version, once its entry is found. */
  fileInfo (message: Message, opts?: ReadOptions): Promise<FileInfo> {
    return whenOpen(this, () => this.#e.files.info(message, opts))
  }

  /** A page of messages, oldest first: the newest, those just `before` a message, or just `after` one. */
  async messages (opts: { limit?: number, before?: string, after?: string } = {}): Promise<Message[]> {
    await readable(this)
    const page = await this.#e.reader.page(opts ?? {})
    this.#e.pageShown() // the rest of a sparse view comes after the first page
    return page
  }

  /** One message by id; null when there is none, or clear() hides it on this device. */
  async message (id: string): Promise<Message | null> {
    await readable(this)
    return await this.#e.reader.shown(id)
  }

  /** Who this device acts for here: its identity once bound (§16), else its writer key. */
  get identityKey (): string { return this.#e.trust.me === '' ? this.writerKey : this.#e.trust.me }

  /** Hides, on this device only, every message it has seen so far. */
  async clear (): Promise<void> {
    await readable(this)
    await this.#e.ctx.local.setCleared(this.id, await this.#e.reader.readClock())
    this.emit('cleared')
  }

  /** What this user has not read here: others' messages past the read marker (docs/architecture.md §15.1). */
  get unread (): Unread { return this.#e.attention.unread }
  /** Marks the room read up to message `id`, or all of it; on this device only. False when nothing moved. */
  markRead (id?: string): Promise<boolean> { return whenOpen(this, () => this.#e.attention.markRead(id)) }
  /** Tells the peers online this user is typing here (never stored; at most every 3 s: false when nothing went out). */
  typing (): boolean { return this.#e.attention.typing() }
  /** Members typing here now, as their devices said in the last few seconds. */
  get typists (): Typist[] { return this.#e.attention.who }

  /** Round trip to each peer in the room. */
  ping (): Promise<Array<{ key: string, rtt: number }>> {
    return whenOpen(this, () => this.#e.peerState.ping())
  }

  /**
   * Leaves the room on this device (Client.leaveRoom): it stops syncing and is closed. The
   * owner is refused (LAST_ADMIN: hand the room over first) unless `anyway`; an admin steps
   * down first.
   */
  leave (opts: { anyway?: boolean } = {}): Promise<void> {
    return this.#e.ctx.leave(this.id, opts)
  }
}
