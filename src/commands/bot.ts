// linkup bot: the example bot. Joins a room with --invite the first time; later runs reopen the
// room (and the bot's identity, its writer key) from --storage. Prints one line per room it is
// in, "room <id> as <key>" (the key its messages show: its identity, §16), then answers `!` commands until SIGINT/SIGTERM. Logs (peers,
// sync, warnings, each message handled) go to stderr at --log-level.
import { parseArgs, commonOptions, pick, UsageError } from './options.js'
import { untilSignal } from './signals.js'
import { Client } from '../client.js'
import { decodeInvite } from '../invite.js'
import { createExampleBot } from '../bot/example-bot.js'
import type { Handled } from '../bot/bot.js'
import type { Room } from '../room.js'
import { createLog } from '../logging.js'
import { describeError, short } from '../log.js'

export const DEFAULT_NAME = 'LinkUp Bot'

export const usage = `linkup bot --storage DIR [--invite INVITE] [--name NAME] [--bootstrap HOST:PORT[,..]] [--dht-host IP] [--log-level LEVEL]
  Runs the example bot. It joins the room of --invite (LINKUP_INVITE), needed only the first
  time: later runs reopen its rooms from --storage (LINKUP_STORAGE). --name (LINKUP_NAME) sets
  its display name (default "${DEFAULT_NAME}"). In the room it answers !help, !ping, !echo,
  !stats and !roll, and describes files and voice messages. Ctrl+C stops it.`

export async function run (argv: string[]): Promise<void> {
  const flags = parseArgs(argv, [
    ...pick('storage', 'bootstrap', 'dht-host', 'log-level'),
    { name: 'invite', env: 'LINKUP_INVITE' },
    { name: 'name', env: 'LINKUP_NAME' }
  ])
  if (flags.help === true) {
    console.log(usage)
    return
  }
  const opts = commonOptions(flags)
  const invite = flags.invite === undefined ? null : decodeInvite(String(flags.invite)) // INVITE_MALFORMED → exit 2
  const name = typeof flags.name === 'string' ? flags.name : null

  const stopped = untilSignal() // from the start: Ctrl+C while joining still closes in order
  const { logger } = createLog({ level: opts.logLevel })
  const client = new Client({ storage: opts.storage, logger, ...(opts.bootstrap === undefined ? {} : { bootstrap: opts.bootstrap }), ...(opts.dhtHost === undefined ? {} : { dhtHost: opts.dhtHost }) })
  const bot = createExampleBot(client)
  bot.on('warning', (err: unknown) => logger.warn({ err }, `warning: ${describeError(err)}`))
  bot.on('handled', (h: Handled) => logger.info({ room: short(h.room.id), alias: h.room.alias, from: short(h.message.author.key) },
    `${h.what} from ${h.message.author.name} (${h.message.id.slice(-8)}): ${h.outcome}`))
  try {
    await client.ready()
    const wanted = name ?? client.profile?.name ?? DEFAULT_NAME
    if (client.profile?.name !== wanted) await client.setProfile({ name: wanted })
    if (invite === null && client.rooms.length === 0) throw new UsageError(`--invite is needed the first time (no room in ${opts.storage} yet)`)
    // Started before joining: what is posted while the join completes is not history.
    await bot.start()
    if (invite !== null && client.room(invite.roomKey.toString('hex')) === undefined) {
      const joining = client.joinRoom(String(flags.invite))
      if (await Promise.race([joining.then(() => null), stopped]) !== null) {
        joining.catch(() => {}) // the client closes under it
        return
      }
    }
    for (const room of client.rooms) announce(room)
    client.on('room', announce)
    await stopped
  } finally {
    await bot.stop().catch(() => {})
    await client.close()
  }
}

function announce (room: Room): void {
  console.log(`room ${room.id} as ${room.identityKey}`)
}
