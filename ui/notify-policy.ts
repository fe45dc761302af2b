// Which messages raise a desktop notification (docs/architecture.md §15.3). Pure (tested in
// vitest): the notifier (ui/controllers/notifier.ts) feeds it what it knows and shows what it
// says. Never our own messages, never a bot's (its marker), never for a room set to 'never';
// with 'mentions' (the default) only messages that mention this user; only while the page is
// hidden or another room is open. A catch-up (the room syncing old history, or a burst) gives
// one summary per room instead of a notification per message.
import type { Message, NotifyLevel } from './types.js'

/** The invisible character a bot's messages start with (src/bot/context.ts BOT_MARKER). */
export const BOT_MARKER = '\u2063'
/** More than this many notifiable messages of one room in one batch is a catch-up: one summary. */
export const BURST = 3
/** A message claimed older than this when it arrives is history being caught up with. */
export const OLD_MS = 10 * 60_000

export interface Seen { message: Message, me: string, level: NotifyLevel, hidden: boolean, active: boolean }

/** Whether this message, on its own, deserves a notification. */
export function notifiable ({ message: m, me, level, hidden, active }: Seen): boolean {
  if (level === 'never' || m.author.key === me || m.deleted) return false
  if (m.text?.startsWith(BOT_MARKER) === true) return false
  if (!hidden && active) return false
  return level === 'all' || m.mentions.includes(me)
}

export type Shown = { kind: 'message', message: Message } | { kind: 'summary', count: number, mentions: number, first: Message }

/**
 * What to show for one room's batch of notifiable messages: each of them, or one summary when
 * the room is catching up (syncing, messages claimed long ago) or the batch is a burst.
 */
export function plan (batch: readonly Message[], me: string, opts: { syncing: boolean, now: number }): Shown[] {
  if (batch.length === 0) return []
  const old = batch.some(m => opts.now - m.timestamp > OLD_MS)
  if (!opts.syncing && !old && batch.length <= BURST) return batch.map(message => ({ kind: 'message', message }))
  return [{ kind: 'summary', count: batch.length, mentions: batch.filter(m => m.mentions.includes(me)).length, first: batch[0] as Message }]
}
