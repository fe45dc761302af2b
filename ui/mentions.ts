// Mentions in the composer, pure (no DOM; test/ui/mentions.test.ts). Typing `@` and a few
// letters offers the room's members; picking one inserts `@Name ` and binds that name to the
// member's key. What is sent is the text as written, plus the keys whose `@Name` is still in
// it: a mention is bound to a key, never resolved from a name later (names change, keys do not).

export interface Mentionable { key: string, name: string }

/**
 * The `@query` being typed just before the caret, or null. Never in a `~command`: a command
 * names people itself (`~remove @dave`, resolved and checked for lookalikes when it runs), and
 * Enter must run it, not pick a member.
 */
export function mentionQuery (text: string, caret: number): { start: number, query: string } | null {
  if (text.trimStart().startsWith('~')) return null
  const before = text.slice(0, caret)
  const m = /(^|[\s([{"'])@([^\s@]{0,32})$/u.exec(before)
  if (m === null) return null
  const query = m[2] ?? ''
  return { start: caret - query.length - 1, query }
}

/** Members matching a query: names that start with it first, then names that contain it. */
export function matchMembers<T extends Mentionable> (members: readonly T[], query: string, limit = 8): T[] {
  const q = query.toLocaleLowerCase()
  const starts = members.filter(m => m.name.toLocaleLowerCase().startsWith(q))
  const contains = members.filter(m => !starts.includes(m) && m.name.toLocaleLowerCase().includes(q))
  return [...starts, ...contains].slice(0, limit)
}

/** The text with the `@query` at `start` (up to the caret) replaced by `@Name `. */
export function insertMention (text: string, caret: number, start: number, name: string): { text: string, caret: number } {
  const inserted = '@' + name + ' '
  return { text: text.slice(0, start) + inserted + text.slice(caret), caret: start + inserted.length }
}

function escapeRegExp (s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** A RegExp finding `@name` as a whole mention (not the start of a longer word). */
export function mentionPattern (name: string, flags = 'u'): RegExp {
  return new RegExp(`(^|[^\\p{L}\\p{N}_])@${escapeRegExp(name)}(?![\\p{L}\\p{N}_])`, flags)
}

/** The keys of the bound mentions whose `@Name` the text still holds, each once. */
export function mentionedKeys (text: string, bound: ReadonlyMap<string, string>): string[] {
  const keys: string[] = []
  for (const [key, name] of bound) if (mentionPattern(name).test(text) && !keys.includes(key)) keys.push(key)
  return keys
}
