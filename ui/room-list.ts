// The rooms list as the store keeps it (ui/store.ts): pure steps on an immutable list, so the
// store can tell whether an event changed anything (and re-render nothing when it did not).
import type { RoomStatus, RoomSummary } from './types.js'

/** A room in the list; `unread` and `mentions` are the node's counts (its read marker, src/attention/). */
export interface RoomState { readonly summary: RoomSummary, readonly unread: number, readonly mentions: number }

export const roomState = (summary: RoomSummary): RoomState => ({ summary, unread: summary.unread.count, mentions: summary.unread.mentions })

/** The list with one room's state replaced by `f`'s; null when `f` changed nothing. */
export function patchRoom (rooms: readonly RoomState[], id: string, f: (r: RoomState) => RoomState): RoomState[] | null {
  let changed = false
  const next = rooms.map(r => {
    if (r.summary.id !== id) return r
    const after = f(r)
    changed = after !== r
    return after
  })
  return changed ? next : null
}

/** The tab's title counts unread messages, so a background tab shows there is news. */
export function titleFor (rooms: readonly RoomState[]): string {
  const unread = rooms.reduce((n, r) => n + r.unread, 0)
  return unread > 0 ? `(${unread}) LinkUp` : 'LinkUp'
}

export function sameStatus (a: RoomStatus, b: RoomStatus): boolean {
  return a.peers === b.peers && a.connecting === b.connecting && a.behind === b.behind && a.progress === b.progress && a.signed === b.signed &&
    a.seeders === b.seeders && a.kept === b.kept && a.opening === b.opening
}
