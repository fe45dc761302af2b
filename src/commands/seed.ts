// linkup seed: a seeder, the always-on peer that keeps members' rooms available while they are
// offline without being able to read them (src/seed/seeder.ts). Prints its key on one line
// (what members add: ~seed KEY, or --seeder KEY on serve) and runs until SIGINT/SIGTERM.
import path from 'path'
import { commonOptions, defaultStorage, parseArgs, pick, UsageError, type OptionSpec } from './options.js'
import { untilSignal } from './signals.js'
import { createLog } from '../logging.js'
import { Seeder, DEFAULT_SEED_MAX_BYTES } from '../seed/seeder.js'

export const usage = `linkup seed [--storage DIR] [--max-storage SIZE] [--bootstrap HOST:PORT[,..]] [--dht-host IP] [--log-level LEVEL]
  Runs a seeder: it keeps the rooms members give it (every message and file, encrypted: it can
  read none of them) and serves them to members while the others are offline. Prints its key:
  add it to a room with ~seed KEY, or to every room of a node with linkup serve --seeder KEY.
  --storage DIR       LINKUP_STORAGE            default ~/.linkup/seeder
  --max-storage SIZE  LINKUP_SEED_MAX_STORAGE   the most to keep, e.g. 500MB, 20GB (default ${DEFAULT_SEED_MAX_BYTES / 1e9} GB);
                                                past it the blocks of the least used cores are cleared
  Logs go to stderr. Ctrl+C stops it.`

const SPECS: OptionSpec[] = [...pick('storage', 'bootstrap', 'dht-host', 'log-level'), { name: 'max-storage', env: 'LINKUP_SEED_MAX_STORAGE' }]

export async function run (argv: string[]): Promise<void> {
  const flags = parseArgs(argv, SPECS)
  if (flags.help === true) {
    console.log(usage)
    return
  }
  const { storage, bootstrap, dhtHost, logLevel } = commonOptions({ ...flags, storage: flags.storage ?? path.join(defaultStorage(), 'seeder') })
  const maxBytes = parseSize(flags['max-storage'])
  const log = createLog({ level: logLevel })
  const seeder = new Seeder({
    storage,
    logger: log.logger.child({ part: 'seed' }),
    ...(maxBytes === undefined ? {} : { maxBytes }),
    ...(bootstrap === undefined ? {} : { bootstrap }),
    ...(dhtHost === undefined ? {} : { dhtHost })
  })
  await seeder.ready()
  console.log(seeder.key)
  await untilSignal()
  await seeder.close()
}

const UNITS: Record<string, number> = { '': 1, B: 1, KB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12, KIB: 1024, MIB: 1024 ** 2, GIB: 1024 ** 3, TIB: 1024 ** 4 }

/** '500MB', '20GB', '1.5GiB', '1000000' → bytes. */
export function parseSize (value: string | true | undefined): number | undefined {
  if (value === undefined) return undefined
  const m = typeof value === 'string' ? /^(\d+(?:\.\d+)?)\s*([kmgt]i?b|b)?$/i.exec(value.trim()) : null
  const unit = UNITS[(m?.[2] ?? '').toUpperCase()]
  const bytes = m === null || unit === undefined ? NaN : Math.floor(Number(m[1]) * unit)
  if (!Number.isSafeInteger(bytes) || bytes < 1e6) throw new UsageError(`--max-storage is a size of at least 1MB, such as 500MB or 20GB, not '${String(value)}'`)
  return bytes
}
