// The message window read from a message onwards (docs/architecture.md §15.1): revealFrom shows
// a few messages before it and as many after as fit; loadNewer reads on to the latest, and
// messages that arrived meanwhile are merged once it gets there, never lost or doubled.
import { expect, it } from 'vitest'
import { MessageWindow, PAGE } from '../../ui/controllers/message-window.js'
import type { AppStore } from '../../ui/store.js'
import type { Message, StreamEvent } from '../../ui/types.js'

const ROOM = 'a'.repeat(64)
const PEER = 'c'.repeat(64)
const message = (n: number): Message => ({
  id: `${PEER}:${n}`, type: 'text', author: { key: PEER, name: 'peer' }, text: 'm' + n, timestamp: n, position: n, seen: true,
  replyTo: null, mentions: [], edited: null, deleted: false, reactions: {}
})

class History extends EventTarget {
  rows: Message[] = []
  /** Called once, before the next answer: a message arriving while a page is read. */
  during: (() => void) | null = null
  readonly room = { summary: { writerKey: 'b'.repeat(64), identityKey: 'b'.repeat(64) } }
  readonly api = {
    messages: async (_room: string, opts: { limit: number, before?: string, after?: string }): Promise<Message[]> => {
      let page: Message[]
      if (opts.after !== undefined) {
        const at = this.rows.findIndex(m => m.id === opts.after)
        page = this.rows.slice(at + 1, at + 1 + opts.limit)
      } else {
        const end = opts.before === undefined ? this.rows.length : this.rows.findIndex(m => m.id === opts.before)
        page = this.rows.slice(Math.max(0, end - opts.limit), end)
      }
      const hook = this.during
      this.during = null
      hook?.()
      return page
    },
    message: async (_room: string, id: string): Promise<Message | null> => this.rows.find(m => m.id === id) ?? null
  }

  send (ev: StreamEvent): void { this.dispatchEvent(new CustomEvent('room-event', { detail: ev })) }
}

const host = { addController () {}, removeController () {}, requestUpdate () {}, updateComplete: Promise.resolve(true) }

it('reveals from a message, reads on to the latest, and merges what arrived meanwhile once', async () => {
  const history = new History()
  history.rows = Array.from({ length: 500 }, (_, i) => message(i))
  const win = new MessageWindow(host, history as unknown as AppStore)
  win.hostConnected()
  win.room = ROOM
  expect(await win.revealFrom(message(100).id)).toBe(true)
  expect(win.rows[0]?.id).toBe(message(90).id) // ten before it
  expect(win.rows.length).toBeGreaterThan(11)
  expect(win.atLatest).toBe(false)
  // a message arrives while each page is read: on its way there, or after the last page's read
  let next = 500
  while (!win.atLatest) {
    history.during = () => {
      const m = message(next++)
      history.rows.push(m)
      history.send({ type: 'message', room: ROOM, message: m })
    }
    await win.loadNewer()
  }
  expect(win.rows.at(-1)?.id).toBe(message(next - 1).id)
  expect(next).toBeGreaterThan(501)
  expect(new Set(win.rows.map(m => m.id)).size).toBe(win.rows.length) // no doubles
  expect(win.newBelow).toBe(0)
  expect(win.rows.length).toBeLessThanOrEqual(300)
  expect(PAGE).toBe(50)
  win.hostDisconnected()
})
