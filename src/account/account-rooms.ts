// The account's rooms on this device (docs/architecture.md §16.3): the account base's room/
// says which rooms the person is in; this device opens the ones it lacks (as a device of the
// identity: no invite, full history) and leaves the ones left on another device. Creating,
// joining or leaving a room here writes it to the account base first-hand.
//
// One pass at a time; an update during a pass runs one more pass after it. A room that fails
// to open (no member online yet) is tried again at the next update, or after RETRY_MS.
import type { Room } from '../room.js'
import type { Logger } from '../log.js'
import { describeError, short } from '../log.js'
import type { AccountBase } from './account-base.js'
import type { Client } from '../client.js'

const RETRY_MS = 15_000

export interface RoomsHost {
  rooms: () => Room[]
  /** Whether the user named the room on this device (local state's `named`). */
  named: (id: string) => boolean
  /** The Client: its openRoomAsDevice opens a room of the account here, no invite needed. */
  client: Pick<Client, 'setIdentity' | 'openRoomAsDevice'>
  /** Leaves a room here because the account left it. */
  leaveRoom: (id: string) => Promise<void>
  log: Logger
}

export class AccountRooms {
  private readonly host: RoomsHost
  private readonly account: () => AccountBase | null
  private running: Promise<void> | null = null
  private again = false
  private retry: NodeJS.Timeout | null = null
  private stopped = false

  constructor (host: RoomsHost, account: () => AccountBase | null) {
    this.host = host
    this.account = account
  }

  /** Brings this device's rooms in line with the account's (in the background). */
  follow (): void {
    if (this.stopped) return
    if (this.running !== null) {
      this.again = true
      return
    }
    this.running = this.pass().catch((err: unknown) => {
      this.host.log.warn({ err }, `following the account's rooms: ${describeError(err)}`)
    }).finally(() => {
      this.running = null
      if (this.again) {
        this.again = false
        this.follow()
      }
    })
  }

  /** A room created or joined here: the account is in it (again). */
  async added (room: Room): Promise<void> {
    await room.ready() // its encryption key is known once it is open (rooms open after Client.ready(), §8)
    const account = this.account()
    if (account === null || account.removed || !account.writable) return
    const entry = await account.room(room.id)
    if (entry !== null && entry.left !== true) return
    const encryptionKey = room.encryptionKey
    await account.append({
      type: 'room-added',
      v: 1,
      key: room.id,
      alias: room.alias,
      named: this.host.named(room.id),
      ...(encryptionKey === null ? {} : { encryptionKey: encryptionKey.toString('hex') })
    })
  }

  /** A room left here: the account leaves it on every device. */
  async left (id: string): Promise<void> {
    const account = this.account()
    if (account === null || account.removed || !account.writable) return
    const entry = await account.room(id)
    if (entry === null || entry.left === true) return
    await account.append({ type: 'room-left', v: 1, key: id })
  }

  /** Resolves once the pass under way (if any) ended. */
  async settled (): Promise<void> {
    while (this.running !== null) await this.running
  }

  stop (): void {
    this.stopped = true
    if (this.retry !== null) clearTimeout(this.retry)
    this.retry = null
  }

  private async pass (): Promise<void> {
    const account = this.account()
    if (account === null || account.removed) return
    const here = new Set(this.host.rooms().map(r => r.id))
    let failed = false
    for (const entry of await account.rooms()) {
      if (this.stopped) return
      if (entry.left === true && here.has(entry.key)) {
        await this.host.leaveRoom(entry.key).catch((err: unknown) => this.host.log.warn({ err, room: short(entry.key) }, `leaving a room left on another device: ${describeError(err)}`))
      } else if (entry.left !== true && !here.has(entry.key)) {
        try {
          await this.host.client.openRoomAsDevice({ key: entry.key, ...(entry.encryptionKey === undefined ? {} : { encryptionKey: entry.encryptionKey }), ...(entry.named ? { name: entry.alias } : {}) })
          this.host.log.info({ room: short(entry.key), alias: entry.alias }, 'opened a room of the account')
        } catch (err) {
          failed = true
          this.host.log.warn({ err, room: short(entry.key) }, `opening a room of the account: ${describeError(err)}`)
        }
      }
    }
    if (failed && this.retry === null && !this.stopped) {
      this.retry = setTimeout(() => {
        this.retry = null
        this.follow()
      }, RETRY_MS)
      this.retry.unref()
    }
  }
}
