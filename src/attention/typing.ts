// "bob is typing…" (docs/architecture.md §15.4): ephemeral, over the peer channel only, never in
// the log and never stored. Saying so goes out at most once every SEND_EVERY_MS while the user
// types; a peer shows it for SHOWN_MS after the last word heard, or until that member's next
// message arrives. What comes in is taken only from admitted peers, as the writer their proof
// speaks for (src/network/swarm.ts), shown as the person that writer acts for (its identity, or
// itself without one: docs/architecture.md §16), still a member in this view, at most once a second each.
// With typing indicators off on this device (AttentionState.typing), it neither sends nor shows.
import type Hyperbee from 'hyperbee'
import { readMember, isBanned } from '../../views/members-reads.js'
import { readUser } from '../../views/profiles-reads.js'
import { identityOfWriter } from '../../views/devices-reads.js'
import { anonymousName } from '../message.js'

export const SEND_EVERY_MS = 3000
export const SHOWN_MS = 6000
const HEARD_EVERY_MS = 1000

/** `key`: the person typing (a member key, as Member.key and Message.author.key say it). */
export interface Typist { key: string, name: string }

export interface TypingNetwork {
  on (event: 'typing', fn: (roomKey: string, writer: string) => void): unknown
  off (event: 'typing', fn: (roomKey: string, writer: string) => void): unknown
  announceTyping (roomKey: string): void
}

export interface TypingHooks {
  roomKey: () => string
  /** This device's writer, and the person it acts for: neither is shown as typing here. */
  me: () => string
  identity: () => string
  /** Only a member who may write here says it is typing. */
  writable: () => boolean
  /** Typing indicators are on on this device. */
  enabled: () => boolean
  view: () => Hyperbee
  /** Who is typing now changed. */
  changed: (typists: Typist[]) => void
  warn: (err: unknown) => void
}

export class Typing {
  private lastSent = 0
  // By writer: a message's author.device ends what its writer was typing.
  private readonly shown = new Map<string, { key: string, name: string, timer: ReturnType<typeof setTimeout> }>()
  private readonly heard = new Map<string, number>()
  private readonly onTyping = (roomKey: string, writer: string): void => {
    if (roomKey !== this.hooks.roomKey() || writer === this.hooks.me() || !this.hooks.enabled()) return
    const now = Date.now()
    if (now - (this.heard.get(writer) ?? 0) < HEARD_EVERY_MS) return
    this.heard.set(writer, now)
    this.admit(writer).catch(this.hooks.warn)
  }

  constructor (private readonly network: TypingNetwork, private readonly hooks: TypingHooks) {}

  listen (): void { this.network.on('typing', this.onTyping) }

  unlisten (): void {
    this.network.off('typing', this.onTyping)
    this.forgetShown()
  }

  /** Typing indicators were turned off: who was shown is shown no more. */
  hide (): void {
    if (this.shown.size === 0) return
    this.forgetShown()
    this.hooks.changed([])
  }

  private forgetShown (): void {
    for (const { timer } of this.shown.values()) clearTimeout(timer)
    this.shown.clear()
  }

  /** One entry a person, also when two of their devices type at once. */
  get typists (): Typist[] {
    const people = new Map<string, Typist>()
    for (const { key, name } of this.shown.values()) people.set(key, { key, name })
    return [...people.values()]
  }

  /** This user is typing: tells the peers, unless it did so less than SEND_EVERY_MS ago. False then. */
  typing (now = Date.now()): boolean {
    if (!this.hooks.enabled() || !this.hooks.writable() || now - this.lastSent < SEND_EVERY_MS) return false
    this.lastSent = now
    this.network.announceTyping(this.hooks.roomKey())
    return true
  }

  /** A member's message arrived: they are no longer typing it. */
  posted (writer: string): void {
    const entry = this.shown.get(writer)
    if (entry === undefined) return
    clearTimeout(entry.timer)
    this.shown.delete(writer)
    this.hooks.changed(this.typists)
  }

  private async admit (writer: string): Promise<void> {
    const view = this.hooks.view()
    const key = await identityOfWriter(view, writer)
    if (key === this.hooks.identity() || !(await isMember(view, writer, key)) || !this.hooks.enabled()) return
    const name = (await readUser(view, key))?.name ?? anonymousName(key)
    const old = this.shown.get(writer)
    if (old !== undefined) clearTimeout(old.timer)
    const timer = setTimeout(() => this.posted(writer), SHOWN_MS)
    timer.unref?.()
    this.shown.set(writer, { key, name, timer })
    if (old === undefined || old.name !== name) this.hooks.changed(this.typists)
  }
}

/** Writer `writer`, acting for `key`, speaks for a member of this room still. */
async function isMember (view: Hyperbee, writer: string, key: string): Promise<boolean> {
  return (await readMember(view, key)) !== null && !(await isBanned(view, writer)) && !(await isBanned(view, key))
}
