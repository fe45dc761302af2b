// How the message log lays out its rows by day (ui/components/lu-message-log.ts).
import { sameDay } from './format.js'
import { shownTime } from './message-time.js'
import type { Message } from './types.js'

const GROUP_MS = 5 * 60_000

/**
 * Where days start and which rows group with the one above, by the time each row shows: a
 * message whose time is unknown (a far-off claim, ui/message-time.ts) starts no day, and one with
 * a far-off claim groups with nothing, so a lying clock cannot make the headers jump (Today →
 * 2036 → Today) and its claim is always in sight.
 */
export function dayLayout (rows: readonly Message[], hasOlder: boolean): Array<{ at: number | null, newDay: boolean, grouped: boolean }> {
  const now = Date.now()
  let last: number | null = null // the last known time above
  return rows.map((m, i) => {
    const { at, claimed } = shownTime(m, now)
    const prev = rows[i - 1]
    const prevAt = prev === undefined ? null : shownTime(prev, now).at
    const newDay = at !== null && (last === null ? !hasOlder : !sameDay(last, at))
    // A row whose claim is shown keeps its header: the claim is said there, in full.
    const grouped = prev !== undefined && !newDay && at !== null && claimed === null && prevAt !== null && prev.author.key === m.author.key &&
      at - prevAt < GROUP_MS && at >= prevAt
    if (at !== null) last = at
    return { at, newDay, grouped }
  })
}
