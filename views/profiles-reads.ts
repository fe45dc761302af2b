// The read side of the profiles projection (views/profiles.ts): registered users and their
// avatars, as the SDK reads them from the view. Reads only.
import type Hyperbee from 'hyperbee'
import { keys } from './keys.js'
import { getValue } from './get.js'
import type { UserRecord, AvatarRecord } from './records.js'

export function readUser (view: Hyperbee, key: string): Promise<UserRecord | null> {
  return getValue<UserRecord>(view, keys.user(key))
}

export function readAvatar (view: Hyperbee, key: string): Promise<AvatarRecord | null> {
  return getValue<AvatarRecord>(view, keys.avatar(key))
}

/** A counter of profile changes: readers compare it to notice that a name or avatar changed. */
export async function readProfileChanges (view: Hyperbee): Promise<number> {
  return (await getValue<number>(view, keys.profiles)) ?? 0
}
