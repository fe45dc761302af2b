// Parsing "!name arg arg" out of a chat message. Pure: no I/O, no clock.

/** A command as typed: its name (lower case), its arguments and the raw text after the name. */
export interface ParsedCommand {
  name: string
  args: string[]
  /** Everything after the name, leading whitespace removed: what `!echo` repeats. */
  rest: string
}

/** The longest command name looked at; longer ones are cut (for the "unknown command" reply). */
export const MAX_NAME_CHARS = 32
/** At most this many arguments are split out; the rest stays in `rest`. */
export const MAX_ARGS = 100

const NAME = /^[A-Za-z][A-Za-z0-9_-]*/

/**
 * The command in `text`, or null when it is not one: a command starts with the prefix, directly
 * followed by a name that starts with a letter ("!ping", "!roll 2d6"). "! hi", "!!!" and "!5"
 * are ordinary chat.
 */
export function parseCommand (text: string, prefix = '!'): ParsedCommand | null {
  if (typeof text !== 'string' || prefix.length === 0) return null
  const trimmed = text.trimStart()
  if (!trimmed.startsWith(prefix)) return null
  const body = trimmed.slice(prefix.length)
  const match = NAME.exec(body)
  if (match === null) return null
  const after = body.slice(match[0].length)
  // "!ping!" or "!echo:x" are not commands: the name must end at whitespace or the end.
  if (after.length > 0 && !/^\s/.test(after)) return null
  const rest = after.replace(/^\s+/, '').replace(/\s+$/, '')
  const args = rest.length === 0 ? [] : rest.split(/\s+/, MAX_ARGS)
  return { name: match[0].slice(0, MAX_NAME_CHARS).toLowerCase(), args, rest }
}
