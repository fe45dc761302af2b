// Joins that wait (docs/architecture.md §9): POST /api/rooms/join answers at once with a
// pending join, and its outcome arrives on the live stream. A join may wait long for a member
// to come online to admit this device; tied to one request it was cut off by the server's
// idle timeout (30 s) before the SDK's own 60 s, and the page showed "Failed to fetch". Here
// it waits in the node: the page can be reloaded, the user can go on chatting or cancel, and
// every join ends with one outcome: joined, failed (with the error's code and message), or
// cancelled. A failed one stays listed until dismissed, so a page opened later still says why.
import { EventEmitter } from 'events'
import { decodeInvite } from '../invite.js'
import { errors, isLinkUpError } from '../errors.js'
import type { ServerClient } from './client-api.js'
import type { PendingJoin } from './schemas.js'
import { summary } from './routes/rooms.js'

/** How long a join started over HTTP waits for a member, by default: 10 minutes. */
export const JOIN_WAIT_MS = 10 * 60_000
const FAILED_KEPT = 20

interface Entry { join: PendingJoin, abort: AbortController }

/** Events: 'join' (PendingJoin) whenever a join starts or ends. */
export class Joins extends EventEmitter {
  private readonly entries = new Map<string, Entry>()

  constructor (private readonly client: ServerClient, private readonly timeout = JOIN_WAIT_MS, private readonly onError: (err: unknown) => void = () => {}) {
    super()
  }

  /** The joins waiting, and the failed ones not yet dismissed. */
  list (): PendingJoin[] {
    return [...this.entries.values()].map(e => e.join)
  }

  /**
   * Starts a join, or returns the one already under way for that room (or the room, when this
   * node is in it already). A malformed or expired invite throws at once.
   */
  start (token: string, alias?: string): PendingJoin {
    const invite = decodeInvite(token)
    if (invite.expires !== 0 && invite.expires < Date.now()) throw errors.inviteExpired()
    const id = invite.roomKey.toString('hex')
    const room = this.client.room(id)
    const now = Date.now()
    if (room !== undefined) return { id, state: 'joined', since: now, deadline: now, room: summary(room) }
    const current = this.entries.get(id)
    if (current?.join.state === 'waiting') return current.join
    const abort = new AbortController()
    const join: PendingJoin = { id, state: 'waiting', since: now, deadline: now + this.timeout }
    this.entries.set(id, { join, abort })
    this.emit('join', join)
    this.client.joinRoom(token, alias, { timeout: this.timeout, signal: abort.signal }).then(
      (joined) => this.finish(id, { ...join, state: 'joined', room: summary(joined) }),
      (err: unknown) => {
        if (!isLinkUpError(err)) this.onError(err)
        const error = isLinkUpError(err) ? { code: err.code, message: err.message } : { code: 'INTERNAL', message: 'Something went wrong in the local node; see its log' }
        this.finish(id, { ...join, state: error.code === 'JOIN_CANCELLED' ? 'cancelled' : 'failed', error })
      })
    return join
  }

  /** Cancels a waiting join, or dismisses a failed one; null when there is none. */
  cancel (id: string): PendingJoin | null {
    const entry = this.entries.get(id)
    if (entry === undefined) return null
    if (entry.join.state === 'waiting') {
      entry.abort.abort()
      return { ...entry.join, state: 'cancelled' }
    }
    this.entries.delete(id)
    return entry.join
  }

  /** Cancels every waiting join (the server is closing). */
  close (): void {
    for (const entry of this.entries.values()) entry.abort.abort()
  }

  private finish (id: string, join: PendingJoin): void {
    if (join.state === 'failed') {
      const entry = this.entries.get(id)
      if (entry !== undefined) entry.join = join
      const failed = [...this.entries.values()].filter(e => e.join.state === 'failed')
      for (const old of failed.slice(0, Math.max(0, failed.length - FAILED_KEPT))) this.entries.delete(old.join.id)
    } else {
      this.entries.delete(id)
    }
    this.emit('join', join)
  }
}
