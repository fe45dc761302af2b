#!/usr/bin/env node
// linkup <command> [options]: the command table. Each command lives in src/commands/.
import { UsageError } from './commands/options.js'
import { isLinkUpError, type ErrorCode } from './errors.js'
import { describeError } from './log.js'

interface Command {
  usage: string
  run: (argv: string[]) => Promise<void>
}

const commands: Record<string, () => Promise<Command>> = {
  testnet: () => import('./commands/testnet.js'),
  serve: () => import('./commands/serve.js'),
  demo: () => import('./commands/demo.js'),
  bot: () => import('./commands/bot.js')
}

const help = `linkup — peer-to-peer chat

Usage: linkup <command> [options]

Commands:
${Object.keys(commands).map(c => '  ' + c).join('\n')}

Common options (each also from the environment):
  --storage DIR               LINKUP_STORAGE    where this user's data lives (default ~/.linkup)
  --port N                    LINKUP_PORT       the local web server's port (0 picks a free one)
  --bootstrap HOST:PORT[,..]  LINKUP_BOOTSTRAP  DHT bootstrap nodes (default: the public DHT)
  --dht-host IP               LINKUP_DHT_HOST   the address the DHT socket binds to
  --log-level LEVEL           LINKUP_LOG_LEVEL  fatal, error, warn, info (default), debug, trace, silent

Run 'linkup <command> --help' for a command's own options.`

/** What is wrong with the machine or the storage, not with the command: exit code 1. */
const FAILURES = new Set<ErrorCode>(['DISK_FULL', 'STORAGE_IN_USE', 'STORAGE_COPIED', 'STORAGE_DAMAGED'])

/** The stack of an unexpected error, only when asked for (--log-level debug or trace). */
function wantsStack (argv: string[]): boolean {
  const i = argv.indexOf('--log-level')
  const level = i === -1 ? process.env.LINKUP_LOG_LEVEL : argv[i + 1]
  return level === 'debug' || level === 'trace'
}

async function main (argv: string[]): Promise<number> {
  const [name, ...rest] = argv
  if (name === undefined || name === '--help' || name === 'help') {
    console.log(help)
    return name === undefined ? 2 : 0
  }
  const load = commands[name]
  if (load === undefined) {
    console.error(`linkup: unknown command '${name}' (try 'linkup --help')`)
    return 2
  }
  try {
    const command = await load()
    await command.run(rest)
    return 0
  } catch (err) {
    if (err instanceof UsageError || isLinkUpError(err)) {
      console.error(`linkup ${name}: ${err.message}`)
      return isLinkUpError(err) && FAILURES.has(err.code) ? 1 : 2
    }
    // Anything else is a bug or a failure nobody put words to yet: still one line.
    console.error(`linkup ${name}: ${describeError(err)}${wantsStack(rest) ? '' : ' (run with --log-level debug for the details)'}`)
    if (wantsStack(rest)) console.error(err)
    return 1
  }
}

main(process.argv.slice(2)).then((code) => { process.exitCode = code }, (err: unknown) => {
  console.error(`linkup: ${describeError(err)}`)
  process.exitCode = 1
})
