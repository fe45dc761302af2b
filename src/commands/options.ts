// Command-line options shared by every command, each with its environment variable.
// A bad value is a UsageError: the CLI prints its one line and exits with code 2.
import os from 'os'
import path from 'path'
import { isIP } from 'net'
import { DEFAULT_LOG_LEVEL, LOG_LEVELS, isLogLevel, type LogLevel } from '../logging.js'

export class UsageError extends Error {
  override name = 'UsageError'
}

export interface CommonOptions {
  storage: string
  port: number
  bootstrap?: string[]
  dhtHost?: string
  logLevel: LogLevel
}

export interface OptionSpec {
  /** Flag name without dashes. */
  name: string
  env?: string
  /** Takes no value. */
  boolean?: boolean
}

export const COMMON: OptionSpec[] = [
  { name: 'storage', env: 'LINKUP_STORAGE' },
  { name: 'port', env: 'LINKUP_PORT' },
  { name: 'bootstrap', env: 'LINKUP_BOOTSTRAP' },
  { name: 'dht-host', env: 'LINKUP_DHT_HOST' },
  { name: 'log-level', env: 'LINKUP_LOG_LEVEL' },
  { name: 'help', boolean: true }
]

/** Some of the common options (and --help), for a command that takes only those. */
export function pick (...names: string[]): OptionSpec[] {
  return COMMON.filter(s => s.boolean === true || names.includes(s.name))
}

/** Parses --flag value / --flag=value; the environment fills what the flags leave out. */
export function parseArgs (argv: string[], specs: OptionSpec[], env: NodeJS.ProcessEnv = process.env): Record<string, string | true> {
  const known = new Map(specs.map(s => [s.name, s]))
  const out: Record<string, string | true> = {}
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string
    if (!arg.startsWith('--')) throw new UsageError(`unexpected argument '${arg}'`)
    const eq = arg.indexOf('=')
    const name = arg.slice(2, eq === -1 ? undefined : eq)
    const spec = known.get(name)
    if (spec === undefined) throw new UsageError(`unknown option '--${name}'`)
    if (spec.boolean === true) {
      out[name] = true
      continue
    }
    const value = eq === -1 ? argv[++i] : arg.slice(eq + 1)
    if (value === undefined || value === '') throw new UsageError(`--${name} needs a value`)
    out[name] = value
  }
  for (const spec of specs) {
    const value = spec.env === undefined ? undefined : env[spec.env]
    if (out[spec.name] === undefined && value !== undefined && value !== '') out[spec.name] = value
  }
  return out
}

export function parsePort (value: string | true | undefined, fallback: number): number {
  if (value === undefined) return fallback
  const port = Number(value)
  if (typeof value !== 'string' || !/^\d+$/.test(value) || port > 65535) throw new UsageError(`--port must be a number from 0 to 65535, not '${String(value)}'`)
  return port
}

/** 'host:port[,host:port]' → the list HyperDHT takes. */
export function parseBootstrap (value: string | true | undefined): string[] | undefined {
  if (value === undefined) return undefined
  if (typeof value !== 'string') throw new UsageError('--bootstrap needs HOST:PORT[,HOST:PORT]')
  return value.split(',').map((entry) => {
    const m = /^([A-Za-z0-9.-]+|\[[0-9a-fA-F:]+\]):(\d{1,5})$/.exec(entry.trim())
    if (m === null || Number(m[2]) < 1 || Number(m[2]) > 65535) throw new UsageError(`--bootstrap entries are HOST:PORT, not '${entry}'`)
    return `${m[1]}:${m[2]}`
  })
}

export function parseHost (value: string | true | undefined): string | undefined {
  if (value === undefined) return undefined
  if (typeof value !== 'string' || isIP(value) === 0) throw new UsageError(`--dht-host must be an IP address, not '${String(value)}'`)
  return value
}

export function parseLogLevel (value: string | true | undefined): LogLevel {
  if (value === undefined) return DEFAULT_LOG_LEVEL
  if (!isLogLevel(value)) throw new UsageError(`--log-level is one of ${LOG_LEVELS.join(', ')}, not '${String(value)}'`)
  return value
}

export function defaultStorage (): string {
  return path.join(os.homedir(), '.linkup')
}

export function commonOptions (flags: Record<string, string | true>, defaults: { port?: number } = {}): CommonOptions {
  const storage = flags.storage
  if (storage === true) throw new UsageError('--storage needs a directory')
  const opts: CommonOptions = {
    storage: path.resolve(storage ?? defaultStorage()),
    port: parsePort(flags.port, defaults.port ?? 0),
    logLevel: parseLogLevel(flags['log-level'])
  }
  const bootstrap = parseBootstrap(flags.bootstrap)
  if (bootstrap !== undefined) opts.bootstrap = bootstrap
  const dhtHost = parseHost(flags['dht-host'])
  if (dhtHost !== undefined) opts.dhtHost = dhtHost
  return opts
}
