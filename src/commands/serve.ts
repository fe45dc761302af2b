// linkup serve: this user's node and the web UI on 127.0.0.1. Prints one line, the URL that
// opens the UI, with a one-time login code (src/server/session.ts), and runs until SIGINT/SIGTERM.
import { COMMON, commonOptions, parseArgs, UsageError, type OptionSpec } from './options.js'
import { untilSignal } from './signals.js'
import { startNode } from '../server/node.js'
import { isHex32 } from '../../views/limits.js'

export const DEFAULT_PORT = 7420

export const usage = `linkup serve [--storage DIR] [--port N] [--bootstrap HOST:PORT[,..]] [--dht-host IP] [--seeder KEY[,KEY]] [--log-level LEVEL]
  Runs your LinkUp node and its web UI on http://127.0.0.1:<port> (default port ${DEFAULT_PORT};
  0 picks a free one). Prints the address to open: it logs this browser in once, within 10
  minutes (restart for a new one); scripts use the token in DIR/token. Logs go to stderr
  (default level info: peers per room, rooms synced, warnings). Ctrl+C stops it.
  --seeder KEY[,KEY]  LINKUP_SEEDERS  seeders (linkup seed prints the key) to keep every room on`

const SPECS: OptionSpec[] = [...COMMON, { name: 'seeder', env: 'LINKUP_SEEDERS' }]

/** 'KEY[,KEY]' → the seeders' keys (64 hex characters each). */
export function parseSeeders (value: string | true | undefined): string[] | undefined {
  if (value === undefined) return undefined
  if (typeof value !== 'string') throw new UsageError('--seeder needs KEY[,KEY]')
  return value.split(',').map((entry) => {
    const key = entry.trim().toLowerCase()
    if (!isHex32(key)) throw new UsageError(`--seeder takes the 64 hexadecimal characters linkup seed prints, not '${entry}'`)
    return key
  })
}

export async function run (argv: string[]): Promise<void> {
  const flags = parseArgs(argv, SPECS)
  if (flags.help === true) {
    console.log(usage)
    return
  }
  const opts = commonOptions(flags, { port: DEFAULT_PORT })
  const { logLevel, ...nodeOpts } = opts
  const seeders = parseSeeders(flags.seeder)
  const node = await startNode({ ...nodeOpts, ...(seeders === undefined ? {} : { seeders }), log: { level: logLevel } }).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'EADDRINUSE') throw new UsageError(`port ${opts.port} is in use: pick another with --port (0 picks a free one)`)
    throw err
  })
  console.log(node.url)
  // Rooms open after the node is up (docs/architecture.md §8): a storage found damaged then
  // stops the node with the same one line a failed start gives (cli.ts).
  try {
    await Promise.race([untilSignal(), node.failed])
  } catch (err) {
    await node.close().catch(() => {}) // closing a damaged store may throw the same error again
    throw err
  }
  await node.close()
}
