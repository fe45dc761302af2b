// Logs of a node a person runs (`linkup serve`, `linkup bot`): pino at a chosen level, written
// to stderr as one readable line per event rather than JSON:
//
//   2026-05-04T09:12:03.512Z INFO  [general 3f2ac1d0] peer 9ab1c2d3 connected (1 peer)
//
// Nothing logged carries the access token: the SDK logs no secrets, and HTTP requests are
// logged (at debug) by method and path only; headers and query strings never.
import pino from 'pino'
import type { Logger } from './log.js'

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const
export type LogLevel = typeof LOG_LEVELS[number]
/** Warnings, plus a line per peer connecting or leaving a room and per room synced. */
export const DEFAULT_LOG_LEVEL: LogLevel = 'info'

export function isLogLevel (value: unknown): value is LogLevel {
  return typeof value === 'string' && (LOG_LEVELS as readonly string[]).includes(value)
}

export interface LogOptions {
  level: LogLevel
  /** Where lines go (default: stderr). */
  out?: { write (line: string): unknown }
}

export interface NodeLog {
  logger: Logger & pino.Logger
  /** Options for Fastify's own logger: the same lines, requests only at debug. */
  http: {
    level: string
    stream: { write (line: string): void }
    serializers: { req: (req: { method?: string, url?: string }) => { method?: string, url?: string }, res: (res: { statusCode?: number }) => { statusCode?: number } }
  }
}

export function createLog (opts: LogOptions): NodeLog {
  const stream = readable(opts.out ?? process.stderr)
  const logger = pino({ level: opts.level, base: null, timestamp: pino.stdTimeFunctions.epochTime }, stream)
  const verbose = opts.level === 'debug' || opts.level === 'trace'
  return {
    logger,
    http: {
      // Fastify logs every request at info: only when asked for debug, not beside the room lines.
      level: verbose ? opts.level : (opts.level === 'info' ? 'warn' : opts.level),
      stream,
      serializers: {
        req: (req) => ({ method: req.method, url: (req.url ?? '').split('?')[0] }),
        res: (res) => ({ statusCode: res.statusCode })
      }
    }
  }
}

/** A pino destination that writes each JSON record as one readable line. */
export function readable (out: { write (line: string): unknown }): { write (line: string): void } {
  return { write: (line: string) => { out.write(formatLine(line)) } }
}

const LABELS: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' }
const HIDDEN = new Set(['level', 'time', 'msg', 'pid', 'hostname', 'node', 'part', 'alias', 'room', 'err'])

/**
 * `<time> <LEVEL> [<node> <part> <alias> <room>] <msg>: <error> key=value …`, one line. A field whose
 * value the message already says (`peer 9ab1c2d3 connected` and peer=9ab1c2d3) is not repeated.
 */
export function formatLine (json: string): string {
  let r: Record<string, unknown>
  try {
    r = JSON.parse(json) as Record<string, unknown>
  } catch {
    return json.endsWith('\n') ? json : json + '\n'
  }
  const time = typeof r.time === 'number' ? new Date(r.time).toISOString() : new Date().toISOString()
  const label = (LABELS[r.level as number] ?? String(r.level)).padEnd(5)
  const scope = [r.node, r.part, r.alias, r.room].filter((x) => typeof x === 'string' && x.length > 0).join(' ')
  const msg = String(r.msg ?? '')
  let text = `${time} ${label} ${scope === '' ? '' : `[${scope}] `}${msg}`
  const err = r.err as { message?: unknown, type?: unknown } | undefined
  if (err !== undefined && err !== null) text += `: ${String(err.message ?? err.type ?? 'error')}`
  for (const [key, value] of Object.entries(r)) {
    if (HIDDEN.has(key) || value === undefined) continue
    const shown = show(value)
    if (says(msg, shown)) continue
    text += ` ${key}=${shown}`
  }
  return text + '\n'
}

/** Whether `text` holds `word` as a whole word. */
function says (text: string, word: string): boolean {
  const at = text.indexOf(word)
  if (at === -1) return false
  const edge = (c: string | undefined): boolean => c === undefined || !/[\w.]/.test(c)
  return edge(text[at - 1]) && edge(text[at + word.length]) ? true : says(text.slice(at + 1), word)
}

function show (value: unknown): string {
  if (typeof value === 'number' && !Number.isInteger(value)) return value.toFixed(1)
  if (typeof value === 'string') return /^[^\s"=]+$/.test(value) ? value : JSON.stringify(value)
  if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>
    if (typeof o.method === 'string' && typeof o.url === 'string') return `"${o.method} ${o.url}"` // a request
    if (Object.keys(o).length === 1 && typeof o.statusCode === 'number') return String(o.statusCode) // a response
  }
  return JSON.stringify(value)
}
