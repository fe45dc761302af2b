// Parsing what the user typed in the composer. Pure: no DOM, no network, so it is unit tested
// (test/ui/commands.test.ts). A line starting with `~` and a letter is a command; anything else
// is a message, so `~~strike~~` Markdown still goes out as text. The limits are the node's own
// (views/limits.ts), so what passes here is not refused there.
import { LIMITS, isHex32 } from '../views/limits.js'
import { INVITE_USAGE, parseInviteArgs } from './invite-options.js'
import type { CreateInviteBody } from './types.js'

export type Command =
  | { name: 'create', alias: string }
  | { name: 'join', invite: string }
  | { name: 'invite', opts: CreateInviteBody }
  | { name: 'remove', who: string }
  | { name: 'leave', anyway?: true }
  | { name: 'clear' }
  | { name: 'ping' }
  | { name: 'nick', nick: string }
  | { name: 'seed', key?: string }
  | { name: 'help' }

export type Parsed =
  | { kind: 'empty' }
  | { kind: 'message', text: string }
  | { kind: 'command', command: Command }
  | { kind: 'error', message: string }

export const HELP: ReadonlyArray<readonly [string, string]> = [
  ['~create <name>', 'create a room and switch to it'],
  ['~join <invite>', 'join a room with an invite (linkup:…)'],
  ['~invite [1h|1d|7d|never] [once]', 'show an invite to this room, to copy and share (7 days, any number of uses unless said)'],
  ['~remove @name', 'remove a member from this room (owner and admins)'],
  ['~leave', 'leave this room (the owner hands it over first, or types ~leave anyway)'],
  ['~clear', 'hide this room\'s history on this device only'],
  ['~ping', 'measure the round trip to connected peers'],
  ['~nick <name>', 'change your display name'],
  ['~seed <key>', 'keep this room on a seeder (the key linkup seed prints); ~seed alone lists them'],
  ['~help', 'show this list']
]

const COMMAND = /^~([A-Za-z]+)(?:\s+([\s\S]*))?$/
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/

function noArgument (name: 'clear' | 'ping' | 'help', arg: string): Parsed {
  if (arg !== '') return { kind: 'error', message: `~${name} takes no argument` }
  return { kind: 'command', command: { name } }
}

function checkName (what: string, value: string, max: number, usage: string): string | null {
  if (value === '') return `Usage: ${usage}`
  if (value.length > max) return `${what} is too long (${value.length} characters; at most ${max})`
  if (CONTROL.test(value)) return `${what} cannot contain line breaks or control characters`
  return null
}

export function parseInput (input: string): Parsed {
  const trimmed = input.trim()
  if (trimmed === '') return { kind: 'empty' }
  const match = /^~[A-Za-z]/.test(trimmed) ? COMMAND.exec(trimmed) : null
  if (match === null) {
    if (input.length > LIMITS.textChars) return { kind: 'error', message: `The message is too long (${input.length} characters; at most ${LIMITS.textChars})` }
    return { kind: 'message', text: input.replace(/^\s*\n|\s+$/g, '') }
  }
  const name = (match[1] ?? '').toLowerCase()
  const arg = (match[2] ?? '').trim()
  switch (name) {
    case 'create': {
      const error = checkName('A room name', arg, LIMITS.aliasChars, '~create <name>')
      return error === null ? { kind: 'command', command: { name: 'create', alias: arg } } : { kind: 'error', message: error }
    }
    case 'join': {
      if (arg === '') return { kind: 'error', message: 'Usage: ~join <invite>' }
      if (/\s/.test(arg) || !arg.startsWith('linkup:') || arg.length <= 'linkup:'.length) {
        return { kind: 'error', message: 'That is not an invite: an invite is one word starting with linkup:' }
      }
      return { kind: 'command', command: { name: 'join', invite: arg } }
    }
    case 'nick': {
      const error = checkName('A display name', arg, LIMITS.nameChars, '~nick <name>')
      return error === null ? { kind: 'command', command: { name: 'nick', nick: arg } } : { kind: 'error', message: error }
    }
    case 'invite': {
      const opts = parseInviteArgs(arg)
      return opts === null ? { kind: 'error', message: INVITE_USAGE } : { kind: 'command', command: { name: 'invite', opts } }
    }
    case 'remove':
      if (arg === '') return { kind: 'error', message: 'Usage: ~remove @name' }
      return { kind: 'command', command: { name: 'remove', who: arg } }
    case 'leave':
      if (arg === '') return { kind: 'command', command: { name: 'leave' } }
      if (arg.toLowerCase() === 'anyway') return { kind: 'command', command: { name: 'leave', anyway: true } }
      return { kind: 'error', message: '~leave takes no argument, or "anyway" (to leave a room you own without handing it over)' }
    case 'seed':
      if (arg === '') return { kind: 'command', command: { name: 'seed' } }
      if (!isHex32(arg.toLowerCase())) return { kind: 'error', message: 'A seeder key is the 64 hexadecimal characters that linkup seed prints' }
      return { kind: 'command', command: { name: 'seed', key: arg.toLowerCase() } }
    case 'clear': case 'ping': case 'help':
      return noArgument(name, arg)
    default:
      return { kind: 'error', message: `Unknown command ~${name}. Type ~help for the list.` }
  }
}
