#!/usr/bin/env node
// linkup <command> [options]: the command table. Each command lives in src/commands/.
import { UsageError } from './commands/options.js'
import { isLinkUpError } from './errors.js'

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
      return 2
    }
    throw err
  }
}

main(process.argv.slice(2)).then((code) => { process.exitCode = code }, (err: unknown) => {
  console.error(err)
  process.exitCode = 1
})
