// The example bot that `linkup bot` runs: !ping, !echo, !stats, !roll, and a description of
// every file or voice message (!help comes with the framework).
import type { Client } from '../client.js'
import type { Room } from '../room.js'
import { Bot, type BotOptions } from './bot.js'
import type { FileContext } from './context.js'
import { parseDice, roll, formatRoll, DICE_LIMITS, type RandomInt } from './dice.js'

/** The longest text !echo repeats. */
export const ECHO_MAX_CHARS = 2000
/** Files up to this size are fetched before they are described; larger ones are not. */
export const FETCH_MAX_BYTES = 25 * 1024 * 1024
/** !stats reads at most this many messages. */
const STATS_MAX_MESSAGES = 20_000
const PAGE = 500

export interface ExampleBotOptions extends Omit<BotOptions, 'client'> {
  /** The dice (tests pass a fixed one). */
  random?: RandomInt
}

export function createExampleBot (client: Client, opts: ExampleBotOptions = {}): Bot {
  const bot = new Bot({ ...opts, client })
  const p = bot.prefix
  bot.command('ping', {
    help: 'pong, with the round trip to each peer online',
    run: async ({ room }) => {
      const rtts = await room.ping()
      if (rtts.length === 0) return 'pong (no peer answered a ping)'
      const ms = rtts.map(r => `${Math.round(r.rtt)} ms`).join(', ')
      return `pong: ${ms} round trip (${rtts.length} ${rtts.length === 1 ? 'peer' : 'peers'})`
    }
  })
  bot.command('echo', {
    help: 'repeats your text',
    usage: '<text>',
    run: ({ rest }) => {
      if (rest.length === 0) return `Usage: ${p}echo <text>`
      if (rest.length > ECHO_MAX_CHARS) return `That is too long to echo (${ECHO_MAX_CHARS} characters at most).`
      return rest
    }
  })
  bot.command('stats', {
    help: 'messages, members, peers online and files in this room',
    run: async ({ room }) => formatStats(await roomStats(room))
  })
  bot.command('roll', {
    help: `rolls dice, e.g. 2d6 (up to ${DICE_LIMITS.count} dice of up to ${DICE_LIMITS.sides} sides)`,
    usage: '[NdM]',
    run: ({ args }) => {
      const dice = parseDice(args[0])
      if (typeof dice === 'string') return `Cannot roll that: ${dice}.`
      return '🎲 ' + formatRoll(roll(dice, opts.random))
    }
  })
  bot.onFile(describeFile)
  return bot
}

/** "📎 notes.txt: text/plain, 1.2 KB (1234 bytes), fetched." */
export async function describeFile (ctx: FileContext): Promise<string> {
  const { file, message } = ctx
  const kind = message.type === 'audio' ? '🎤 voice message' : '📎'
  const head = `${kind} ${file.name}: ${file.mime}`
  if (file.size > FETCH_MAX_BYTES) return `${head}, ${formatSize(file.size)} (as announced; too large for me to fetch)`
  try {
    const bytes = await ctx.read({ timeout: 15_000 })
    const duration = file.duration === undefined ? '' : `, ${(file.duration / 1000).toFixed(1)} s`
    return `${head}, ${formatSize(bytes.byteLength)}${duration}, fetched`
  } catch (err) {
    const code = (err as { code?: unknown }).code
    return `${head}, ${formatSize(file.size)} (as announced; I could not fetch it${typeof code === 'string' ? ': ' + code : ''})`
  }
}

export interface RoomStats { messages: number, files: number, members: number, peers: number, partial: boolean }

export async function roomStats (room: Room): Promise<RoomStats> {
  let messages = 0
  let files = 0
  let before: string | undefined
  while (messages < STATS_MAX_MESSAGES) {
    const page = await room.messages(before === undefined ? { limit: PAGE } : { limit: PAGE, before })
    messages += page.length
    files += page.filter(m => m.type !== 'text').length
    if (page.length < PAGE) break
    before = page[0]?.id
  }
  const members = (await room.members()).length
  return { messages, files, members, peers: room.peers, partial: messages >= STATS_MAX_MESSAGES }
}

export function formatStats (s: RoomStats): string {
  const count = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`
  const messages = count(s.messages, 'message', 'messages') + (s.partial ? ' or more' : '')
  return `📊 ${messages}, ${count(s.members, 'member', 'members')}, ${count(s.peers, 'peer', 'peers')} online, ` +
    `${count(s.files, 'file', 'files')} (incl. voice)`
}

export function formatSize (bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`
  const units = ['KB', 'MB', 'GB']
  let value = bytes / 1024
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return `${value.toFixed(1)} ${units[unit] as string} (${bytes} bytes)`
}
