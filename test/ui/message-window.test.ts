// The UI's message window (ui/controllers/message-window.ts, docs/architecture.md §4.4): a
// bounded window of rows keyed by id, pages loaded as the user scrolls up, live messages merged
// by id, a reread (never a patch) after a reset, and a generation counter so that a load a newer
// one superseded cannot overwrite it. The controller is pure enough to run here: it imports only
// types, and talks to the store's API client and events, stood in for below by a room's history
// held in memory.
import { beforeEach, describe, expect, it } from 'vitest'
import { MessageWindow, MAX_ROWS, PAGE } from '../../ui/controllers/message-window.js'
import type { AppStore } from '../../ui/store.js'
import type { Message, StreamEvent } from '../../ui/types.js'

const ROOM = 'a'.repeat(64)
const ME = 'b'.repeat(64)
const PEER = 'c'.repeat(64)

const message = (n: number, position = n): Message => ({
  id: `${PEER}:${n}`, type: 'text', author: { key: PEER, name: 'peer' }, text: 'm' + n, timestamp: n, position, seen: true,
  replyTo: null, mentions: [], edited: null, deleted: false, reactions: {}
})

/** A room's history as the node's API pages it: oldest first, ending just before `before`. */
class History extends EventTarget {
  rows: Message[] = []
  /** While set, answers wait until release() is called (oldest first). */
  holding = false
  readonly held: Array<() => void> = []
  readonly room = { summary: { writerKey: ME, identityKey: ME } }
  readonly api = {
    messages: async (room: string, opts: { limit: number, before?: string }): Promise<Message[]> => {
      const snapshot = this.page(room, opts)
      if (this.holding) await new Promise<void>(resolve => this.held.push(resolve))
      return snapshot
    },
    message: async (room: string, id: string): Promise<Message | null> => {
      const found = room === ROOM ? this.rows.find(m => m.id === id) ?? null : null
      if (this.holding) await new Promise<void>(resolve => this.held.push(resolve))
      return found
    }
  }

  private page (room: string, opts: { limit: number, before?: string }): Message[] {
    if (room !== ROOM) return []
    const end = opts.before === undefined ? this.rows.length : this.rows.findIndex(m => m.id === opts.before)
    return this.rows.slice(Math.max(0, end - opts.limit), end)
  }

  /** Lets the held answer `i` (0: the first asked for) go. */
  release (i = 0): void { this.held.splice(i, 1)[0]?.() }

  send (ev: StreamEvent): void { this.dispatchEvent(new CustomEvent('room-event', { detail: ev })) }
}

/** The Lit host: counts updates, and resolves `next()` at the next one. */
class Host {
  updates = 0
  private waiting: Array<() => void> = []
  addController (): void {}
  removeController (): void {}
  readonly updateComplete = Promise.resolve(true)
  requestUpdate (): void {
    this.updates++
    for (const resolve of this.waiting.splice(0)) resolve()
  }

  next (): Promise<void> { return new Promise(resolve => this.waiting.push(resolve)) }
}

let history: History
let host: Host
let win: MessageWindow

/** Opens the room with `count` messages (at positions `at(i)`) and waits for the first page. */
async function openWith (count: number, at = (i: number) => i): Promise<void> {
  history.rows = Array.from({ length: count }, (_, i) => message(i, at(i)))
  const loaded = host.next()
  win.open(ROOM)
  await loaded
}

const ids = (rows: Message[]): string[] => rows.map(m => m.id)
const range = (from: number, to: number): string[] => Array.from({ length: to - from }, (_, i) => message(from + i).id)

beforeEach(() => {
  history = new History()
  host = new Host()
  win = new MessageWindow(host, history as unknown as AppStore)
  win.hostConnected()
  return () => win.hostDisconnected()
})

describe('MessageWindow', () => {
  it('opens on the newest page, and loads older pages without duplicates until the first message', async () => {
    await openWith(120)
    expect(ids(win.rows)).toEqual(range(120 - PAGE, 120))
    expect(win.atLatest && win.hasOlder).toBe(true)
    await win.loadOlder()
    expect(ids(win.rows)).toEqual(range(120 - 2 * PAGE, 120))
    expect(win.lastChange).toBe('older')
    await win.loadOlder()
    expect(ids(win.rows)).toEqual(range(0, 120))
    expect(win.hasOlder).toBe(false)
    await win.loadOlder() // nothing older: no request, no change
    expect(win.rows).toHaveLength(120)
  })

  it(`keeps at most ${MAX_ROWS} rows, dropping the newest when reading far back; live messages then only count`, async () => {
    await openWith(1000)
    while (win.rows.length < MAX_ROWS) await win.loadOlder()
    expect(win.atLatest).toBe(true)
    await win.loadOlder()
    expect(win.rows).toHaveLength(MAX_ROWS)
    expect(ids(win.rows)).toEqual(range(1000 - MAX_ROWS - PAGE, 1000 - PAGE))
    expect(win.atLatest).toBe(false)
    history.send({ type: 'message', room: ROOM, message: message(1000) })
    expect(win.rows).toHaveLength(MAX_ROWS)
    expect(win.newBelow).toBe(1)
    // "Jump to latest": back to the newest page.
    history.rows.push(message(1000))
    await win.reread()
    expect(ids(win.rows)).toEqual(range(1001 - PAGE, 1001))
    expect(win.atLatest).toBe(true)
    expect(win.newBelow).toBe(0)
  })

  it('merges live messages by id, at their position, and ignores other rooms', async () => {
    await openWith(10, i => 2 * i)
    history.send({ type: 'message', room: ROOM, message: message(10, 20) })
    expect(ids(win.rows)).toEqual(range(0, 11))
    expect(win.lastChange).toBe('newer')
    history.send({ type: 'message', room: ROOM, message: { ...message(10, 20), text: 'again' } })
    expect(win.rows).toHaveLength(11)
    expect(win.rows[10]?.text).toBe('again')
    // A peer's message that linearised among ours: it goes where its position says.
    history.send({ type: 'message', room: ROOM, message: message(50, 9) })
    expect(ids(win.rows).slice(4, 7)).toEqual([message(4).id, message(50).id, message(5).id])
    history.send({ type: 'message', room: 'd'.repeat(64), message: message(60) })
    expect(win.rows).toHaveLength(12)
  })

  it('rereads after a reset: the rows take the history\'s new order', async () => {
    await openWith(10)
    history.rows = [message(9, 0), ...history.rows.slice(0, 9).map((m, i) => ({ ...m, position: i + 1 }))]
    const reread = host.next()
    history.send({ type: 'reset', room: ROOM })
    await reread
    expect(ids(win.rows)).toEqual([message(9).id, ...range(0, 9)])
    expect(win.lastChange).toBe('replace')
  })

  it('a reread that a newer one superseded is dropped, though it answers last', async () => {
    await openWith(10)
    history.holding = true
    const older = win.reread() // sees 10 messages
    history.rows = history.rows.slice(5) // a merge moved history meanwhile
    const newer = win.reread() // sees 5
    history.release(1)
    await newer
    expect(ids(win.rows)).toEqual(range(5, 10))
    history.release(0)
    await older
    expect(ids(win.rows)).toEqual(range(5, 10)) // the stale answer changed nothing
  })

  it('a page of older messages that answers after a reread is dropped', async () => {
    await openWith(200)
    history.holding = true
    const page = win.loadOlder() // asks for the 50 before the first row shown
    // A merge: other messages now come before message 150; the page asked for is out of date.
    history.rows = [...Array.from({ length: 100 }, (_, i) => message(500 + i, i)), ...history.rows.slice(150).map((m, i) => ({ ...m, position: 100 + i }))]
    const reread = win.reread()
    history.release(1)
    await reread
    expect(ids(win.rows)).toEqual(range(200 - PAGE, 200))
    history.release(0)
    await page
    expect(ids(win.rows)).toEqual(range(200 - PAGE, 200))
  })

  it('a live message that arrives during a reread is kept, not lost to the older snapshot', async () => {
    await openWith(10)
    history.holding = true
    const reread = win.reread() // its snapshot is taken now, without message 10
    history.rows.push(message(10))
    history.send({ type: 'message', room: ROOM, message: message(10) })
    history.release()
    await reread
    expect(ids(win.rows)).toEqual(range(0, 11))
  })

  it('marks own messages seen from the seq a \'seen\' event carries, asking the node nothing', async () => {
    const mine = (seq: number, part?: number): Message => ({
      ...message(seq, 100 + seq), id: `${ME}:${seq}${part === undefined ? '' : '.' + part}`, author: { key: ME, name: 'me' }, seen: false
    })
    await openWith(3)
    history.rows.push(mine(0), mine(1, 0), mine(1, 1), mine(2))
    await win.reread()
    let asked = 0
    const page = history.api.messages
    history.api.messages = async (...args) => { asked++; return await page(...args) }
    history.send({ type: 'seen', room: ROOM, seq: 1 })
    expect(win.rows.slice(3).map(m => m.seen)).toEqual([true, true, true, false])
    // One of ours that the node reports later as unseen (its answer left before the 'seen') is
    // marked from the seq already known; another room's 'seen' changes nothing here.
    history.send({ type: 'message', room: ROOM, message: mine(1, 1) })
    expect(win.rows.find(m => m.id === `${ME}:1.1`)?.seen).toBe(true)
    history.send({ type: 'seen', room: 'd'.repeat(64), seq: 9 })
    expect(win.rows.at(-1)?.seen).toBe(false)
    history.send({ type: 'seen', room: ROOM, seq: 2 })
    expect(win.rows.every(m => m.seen)).toBe(true)
    expect(asked).toBe(0)
  })

  it('an update replaces the row it names, and never adds one (not on screen, or hidden by ~clear)', async () => {
    await openWith(10)
    const before = host.updates
    history.send({ type: 'update', room: ROOM, message: { ...message(4), text: 'm4, edited', edited: 99 } })
    expect(win.rows[4]).toMatchObject({ text: 'm4, edited', edited: 99 })
    expect(host.updates).toBe(before + 1)
    history.send({ type: 'update', room: ROOM, message: { ...message(5), deleted: true, text: undefined } })
    expect(win.rows[5]?.deleted).toBe(true)
    expect(win.rows[5]?.text).toBeUndefined()
    history.send({ type: 'update', room: ROOM, message: { ...message(77), reactions: { '👍': [ME] } } })
    history.send({ type: 'update', room: 'd'.repeat(64), message: { ...message(6), text: 'elsewhere' } })
    expect(ids(win.rows)).toEqual(range(0, 10))
    expect(win.rows[6]?.text).toBe('m6')
  })

  it('an update that arrives during a reread is read again, not lost to the older snapshot', async () => {
    await openWith(10)
    history.holding = true
    const reread = win.reread() // its snapshot: message 3 unreacted
    history.rows[3] = { ...message(3), reactions: { '🎉': [ME] } }
    history.send({ type: 'update', room: ROOM, message: history.rows[3] })
    history.release()
    await reread
    expect(win.rows[3]?.reactions).toEqual({}) // the snapshot, for now
    expect(history.held).toHaveLength(1) // and message 3 is being read again
    const patched = host.next()
    history.release()
    await patched
    expect(win.rows[3]?.reactions).toEqual({ '🎉': [ME] })
  })

  it('reveals a message far back: the window becomes the page that ends with it', async () => {
    await openWith(500)
    expect(await win.reveal(message(499).id)).toBe(true) // on screen already: nothing to load
    expect(win.revealed).toBe(message(499).id)
    expect(win.atLatest).toBe(true)
    expect(await win.reveal(message(120).id)).toBe(true)
    expect(ids(win.rows)).toEqual(range(120 - PAGE + 1, 121))
    expect(win.atLatest).toBe(false)
    expect(win.lastChange).toBe('reveal')
    history.send({ type: 'message', room: ROOM, message: message(500) })
    expect(win.newBelow).toBe(1) // live messages count below, as when reading far back
    expect(await win.reveal(`${PEER}:9999`)).toBe(false)
  })

  it('finds this user\'s last editable text (Up arrow): not a file, not a deleted one', async () => {
    const mine = (seq: number, extra: Partial<Message> = {}): Message => ({ ...message(100 + seq), id: `${ME}:${seq}`, author: { key: ME, name: 'me' }, ...extra })
    await openWith(3)
    expect(win.lastOwnText()).toBeUndefined()
    history.rows.push(mine(1), mine(2, { type: 'file', text: undefined }), mine(3, { deleted: true, text: undefined }), message(3))
    await win.reread()
    expect(win.lastOwnText()?.id).toBe(`${ME}:1`)
  })
})
