// Worker side of the conversation figure: edits and reactions through the SDK, and the room's
// 'update' events reported to the parent while it measures (as 'sdk-update').
import { room } from './peer.js'
import { emit } from '../lib/ipc.js'
import { now } from '../lib/stats.js'
import type { Message } from '../../src/index.js'

const reporting = new Map<string, (m: Message) => void>()

export const conversationHandlers = {
  /** Reports (or stops reporting) every 'update' of the room: id, text, reactions, when. */
  async 'sdk.liveUpdates' (args: { room: string, on: boolean }): Promise<null> {
    const r = room(args.room)
    const old = reporting.get(args.room)
    if (old !== undefined) r.off('update', old)
    reporting.delete(args.room)
    if (args.on) {
      const fn = (m: Message): void => {
        emit('sdk-update', { room: r.id, id: m.id, text: m.text ?? null, reactions: Object.values(m.reactions).reduce((n, who) => n + who.length, 0), at: now() })
      }
      r.on('update', fn)
      reporting.set(args.room, fn)
    }
    return null
  },

  async 'sdk.edit' (args: { room: string, id: string, text: string }): Promise<{ at: string, doneAt: string }> {
    const at = now()
    await room(args.room).edit(args.id, args.text)
    return { at, doneAt: now() }
  },

  async 'sdk.react' (args: { room: string, id: string, emoji: string }): Promise<{ at: string, doneAt: string }> {
    const at = now()
    await room(args.room).react(args.id, args.emoji)
    return { at, doneAt: now() }
  },

  /** Sends `count` texts at once (group-committed); returns their ids in order. */
  async 'sdk.sendBatch' (args: { room: string, texts: string[] }): Promise<string[]> {
    const r = room(args.room)
    return (await Promise.all(args.texts.map((t) => r.send(t)))).map((m) => m.id)
  }
}
