// Names you can't fake (docs/architecture.md §12): what a display name may hold, how a name
// from the log is shown, and the short fingerprint shown beside it. Deterministic and pure: no
// Node, no DOM, so the event schema (profile-set v3 refuses what `hiddenIn` finds), the SDK
// (which shows names cleaned) and the UI bundle (fingerprints, colours) share one declaration.
//
// A person is their key; a name is only what they call themselves. Characters that change how
// a name looks without being seen are refused in new names and removed when an old one is
// shown: bidi controls (a right-to-left override makes "\u202eecila" look like "alice"),
// zero-width and other default-ignorable characters, controls, line and paragraph separators,
// and lone surrogates. Events are forever, so a name written before this rule (a v1
// profile-set) is kept in the view as it was and cleaned only when shown.

// Format (Cf) and control (Cc) characters, line and paragraph separators, and every
// default-ignorable code point (Hangul fillers, variation selectors, tags, ...).
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}]/u
const JOINERS = new Set([0x200c, 0x200d]) // ZWNJ, ZWJ: needed in Persian, Indic scripts, emoji
const SELECTORS = new Set([0xfe0e, 0xfe0f]) // text / emoji presentation
const LEAD = /[\uD800-\uDBFF]/
const TRAIL = /[\uDC00-\uDFFF]/

/**
 * Whether the code point at `i` of `chars` may stay. Joiners are kept between two visible
 * non-ASCII characters (a Persian word, an emoji sequence), presentation selectors after one:
 * there they are part of how the text is written, and they cannot make an ASCII name look
 * like another. Anywhere else they, and every other invisible character, go.
 */
function keeps (chars: readonly string[], i: number): boolean {
  const ch = chars[i] as string
  if (ch.length === 1 && (LEAD.test(ch) || TRAIL.test(ch))) return false // a lone surrogate
  if (!INVISIBLE.test(ch)) return true
  const cp = ch.codePointAt(0) as number
  const visibleNonAscii = (c: string | undefined): boolean => c !== undefined && c.codePointAt(0) as number > 0x7f && !INVISIBLE.test(c)
  if (JOINERS.has(cp)) return visibleNonAscii(chars[i - 1]) && visibleNonAscii(chars[i + 1])
  if (SELECTORS.has(cp)) return visibleNonAscii(chars[i - 1])
  return false
}

/** The characters of `name` that a new name may not hold (empty when it is clean). */
export function hiddenIn (name: string): string[] {
  const chars = [...name]
  return chars.filter((_, i) => !keeps(chars, i))
}

export interface ShownName {
  /** The name as it may be shown: hidden characters removed, white space collapsed, trimmed. */
  text: string
  /** True when something was removed: the UI marks such a name. */
  hidden: boolean
}

/** A name from the log, made safe to show. `text` may be empty (a name of hidden characters only). */
export function cleanName (name: string): ShownName {
  const chars = [...name]
  const kept = chars.filter((_, i) => keeps(chars, i))
  const text = kept.join('').replace(/\s+/gu, ' ').trim()
  return { text, hidden: kept.length !== chars.length }
}

/** A readable description of hidden characters, for error messages: "U+202E, U+200B". */
export function describeHidden (chars: readonly string[]): string {
  const codes = [...new Set(chars.map(c => 'U+' + (c.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0')))]
  return codes.slice(0, 5).join(', ') + (codes.length > 5 ? ', …' : '')
}

/** The length of the fingerprint shown beside a name, in hex characters. */
export const FINGERPRINT_CHARS = 4

/**
 * The short fingerprint of a key: its first hex characters. A key is random, so four of them
 * tell two members apart by eye; someone who grinds keys to copy them is caught by the
 * lookalike check, which lengthens the fingerprints of members whose names look the same
 * until they differ (src/names/identities.ts).
 */
export function fingerprint (key: string, chars: number = FINGERPRINT_CHARS): string {
  return key.slice(0, chars)
}

/** The fingerprint to compare out of band before marking someone verified: 128 bits in 8 groups. */
export function longFingerprint (key: string): string {
  return (key.slice(0, 32).match(/.{4}/g) ?? []).join(' ')
}

/** A colour for a key (a hue, 0-359), shown with its fingerprint: a second cue, not a secret. */
export function keyHue (key: string): number {
  return parseInt(key.slice(56, 64), 16) % 360
}
