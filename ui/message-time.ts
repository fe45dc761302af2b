// Which time to show for a message. Its timestamp is the sender's claim; the node adds when it
// first saw the message (firstSeen) when that claim was far off (views/limits.ts TIMES). The
// UI trusts neither blindly: a claim is also far off by this tab's own clock (after now by more
// than the drift allowed, before 2025, or no valid date). A far-off claim is shown beside the
// moment of first sight, never as the message's time; without a first sight the message has no
// time, and takes no part in day headers or grouping. Pure, so it is tested in vitest.
import { TIMES, clockOff } from '../views/limits.js'

export interface ShownTime {
  /** The time to show and to place the message in a day by; null when unknown. */
  at: number | null
  /** The sender's claim, when it is far off and so shown only as a claim; otherwise null. */
  claimed: number | null
}

export function shownTime (m: { timestamp: number, firstSeen?: number }, now = Date.now()): ShownTime {
  const reference = m.firstSeen ?? now
  if (!clockOff(m.timestamp, reference)) return { at: m.timestamp, claimed: null }
  return { at: m.firstSeen ?? null, claimed: m.timestamp }
}

const LAST_YEAR = Date.UTC(10000, 0, 1)

/** The claim, for people: a date and time, or "an impossible date" past year 9999. */
export function describeClaim (claimed: number): string {
  if (!(claimed >= 0 && claimed < LAST_YEAR && claimed <= TIMES.lastValid)) return 'an impossible date'
  return new Date(claimed).toLocaleString([], { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' })
}
