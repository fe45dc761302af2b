// After a fast-forward the view is sparse: a Hyperbee get walks down from the root and waits one
// network round trip for each level not stored here (~8 levels at 100,000 messages, ~5 at
// 1,000). What a joiner reads next came one get after another: its admission (the invite's
// uses, the room's record), the reader's counters, trust, its profile, the first page — and,
// when its join was not yet in the signed state it fast-forwarded to, apply's checks of that
// join first (its clock, ban, binding, membership: ~22 gets in a row, 200–790 ms at 100,000
// messages, issue #18; the indexer now acks a join at once so that this is rare: the Autobase
// patch, part 5). Asked all at once, the walks share their upper levels and go down side by
// side (Hypercore sends one request per block however many ask for it). A hint only: every
// block is verified as any other, the reads themselves are unchanged, and a key missed here is
// read as before.
import type Hyperbee from 'hyperbee'
import { keys, ranges } from '../views/keys.js'

/** Who this device is in the room, as the reads after a join name it. */
export interface Reader {
  /** This device's writer key (hex). */
  writer: string
  /** This device's network key (hex): its join names it. */
  device: string
  /** The identity it acts for (hex), or null. */
  identity: string | null
  /** The invite a pending join comes with (its public key, hex), or null. */
  invite: string | null
  /**
   * Whether this device's own blocks are still to be applied on the sparse view: its join was
   * not in the signed state it fast-forwarded to (not yet a writer), so apply's checks of the
   * join read the view too.
   */
  applying: boolean
}

/** The keys read between a fast-forward and a joiner's first page, besides the page itself. */
export function joinKeys (who: Reader): string[] {
  const me = who.identity ?? who.writer
  // Admission (the invite's uses, the room's record), the reader's counters, trust, the profile.
  const after = [
    keys.room, keys.profiles, keys.skipped, keys.admins, keys.trust,
    keys.user(me), keys.writer(who.writer),
    ...(who.invite === null ? [] : [keys.invite(who.invite)])
  ]
  if (!who.applying) return after
  // Apply's checks of this device's own join (views/members.ts, views/devices.ts).
  const people = me === who.writer ? [who.writer] : [who.writer, me]
  return [
    ...after, keys.invitePolicy, keys.clock(who.writer), keys.ban(who.writer),
    keys.device(who.device), keys.banDevice(who.device), ...people.map(k => keys.member(k))
  ]
}

/**
 * Starts the reads a fast-forward is followed by, all at once, and the newest page of messages
 * beside them; resolves when they are done (failures are ignored: the reads they warm report
 * their own).
 */
export async function prefetch (view: Hyperbee, who: Reader, page = 50): Promise<void> {
  const newest = async (): Promise<void> => {
    for await (const _ of view.createReadStream(ranges.messages, { reverse: true, limit: page })) { /* warms the blocks */ }
  }
  await Promise.allSettled([...joinKeys(who).map(async (k) => await view.get(k)), newest()])
}
