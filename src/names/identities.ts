// How each member of a room is shown (docs/architecture.md §12): the name cleaned of hidden
// characters, this user's nickname for the key if any, a fingerprint of the key, and which
// other members' names look the same. Pure: given the members and this user's contacts.
import { cleanName, fingerprint, FINGERPRINT_CHARS } from '../../views/names.js'
import { skeleton } from './skeleton.js'

/** What this user noted about a key, on this device only (src/local-state.ts). */
export interface Contact { nickname?: string, verified?: boolean }

export interface Identity {
  /** The name the member gave themselves, cleaned for display; null without a profile. */
  name: string | null
  /** The name had hidden characters (bidi controls, zero-width...), removed from `name`. */
  hiddenCharacters: boolean
  /** The short fingerprint of the key; longer than usual when a lookalike's would be the same. */
  fingerprint: string
  /** Other members whose shown name (nickname, else name) looks the same as this one's. */
  lookalikes: string[]
  /** This user's nickname for the key (local only), or null. */
  nickname: string | null
  /** This user compared fingerprints with this person out of band (local only). */
  verified: boolean
}

/** Identities for a set of keys with their raw names, keyed by key. */
export function identify (members: ReadonlyArray<{ key: string, name: string | null }>, contact: (key: string) => Contact | undefined): Map<string, Identity> {
  const out = new Map<string, Identity>()
  const groups = new Map<string, string[]>()
  for (const { key, name } of members) {
    const cleaned = name === null ? null : cleanName(name)
    const noted = contact(key)
    const identity: Identity = {
      name: cleaned === null || cleaned.text === '' ? null : cleaned.text,
      hiddenCharacters: cleaned?.hidden === true,
      fingerprint: fingerprint(key),
      lookalikes: [],
      nickname: noted?.nickname ?? null,
      verified: noted?.verified === true
    }
    out.set(key, identity)
    const shown = identity.nickname ?? identity.name
    if (shown === null) continue
    const group = skeleton(shown)
    groups.set(group, [...(groups.get(group) ?? []), key])
  }
  for (const keys of groups.values()) {
    if (keys.length < 2) continue
    const chars = distinguishing(keys)
    for (const key of keys) {
      const identity = out.get(key) as Identity
      identity.lookalikes = keys.filter(k => k !== key)
      identity.fingerprint = fingerprint(key, chars)
    }
  }
  return out
}

/** The fewest hex characters (at least the usual) at which these keys' fingerprints all differ. */
function distinguishing (keys: readonly string[]): number {
  for (let chars = FINGERPRINT_CHARS; chars < 64; chars += 2) {
    if (new Set(keys.map(k => k.slice(0, chars))).size === keys.length) return chars
  }
  return 64
}

/** A room's members as the SDK lists them: each with its identity (the name cleaned). */
export function withIdentities<T extends { key: string, name: string | null }> (members: readonly T[], contact: (key: string) => Contact | undefined): Array<Omit<T, 'name'> & Identity> {
  const ids = identify(members, contact)
  return members.map(m => ({ ...m, ...(ids.get(m.key) as Identity) }))
}
