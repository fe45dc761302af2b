// linkup demo: everything on one machine, with no internet. A local DHT testnet and two users,
// alice and bob, sharing a room, each with their own node and web UI. Prints both URLs.
import fs from 'fs'
import os from 'os'
import path from 'path'
import { startTestnet } from '../network/testnet.js'
import { parseArgs, parseHost, parseLogLevel, parsePort, pick } from './options.js'
import { untilSignal } from './signals.js'
import { startNode, type LocalNode } from '../server/node.js'

export const usage = `linkup demo [--storage DIR] [--port N] [--dht-host IP] [--log-level LEVEL]
  Starts a local DHT and two users, alice and bob, who share a room "demo", and prints the
  address of each one's web UI (each logs a browser in once, within 10 minutes). Data goes to DIR/alice and DIR/bob (default: a temporary
  directory, removed on exit). --port N puts alice on N and bob on N+1 (default: free ports).`

export async function run (argv: string[]): Promise<void> {
  const flags = parseArgs(argv, pick('storage', 'port', 'dht-host', 'log-level'))
  if (flags.help === true) {
    console.log(usage)
    return
  }
  const host = parseHost(flags['dht-host']) ?? '127.0.0.1'
  const port = parsePort(flags.port, 0)
  const level = parseLogLevel(flags['log-level'])
  const temporary = typeof flags.storage !== 'string'
  const base = temporary ? fs.mkdtempSync(path.join(os.tmpdir(), 'linkup-demo-')) : path.resolve(flags.storage as string)

  const testnet = await startTestnet({ host })
  const bootstrap = testnet.bootstrap
  const nodes: LocalNode[] = []
  try {
    const start = async (name: string, offset: number): Promise<LocalNode> => {
      const node = await startNode({ storage: path.join(base, name), port: port === 0 ? 0 : port + offset, bootstrap, dhtHost: host, log: { level, name } })
      nodes.push(node)
      if (node.client.profile === null) await node.client.setProfile({ name })
      return node
    }
    const alice = await start('alice', 0)
    const bob = await start('bob', 1)
    if (bob.client.rooms.length === 0) {
      const room = alice.client.rooms[0] ?? await alice.client.createRoom('demo')
      await bob.client.joinRoom(await room.createInvite())
    }
    console.log(`alice: ${alice.url}`)
    console.log(`bob:   ${bob.url}`)
    await untilSignal()
  } finally {
    for (const node of nodes.reverse()) await node.close().catch((err: unknown) => console.error(err))
    await testnet.destroy()
    if (temporary) fs.rmSync(base, { recursive: true, force: true })
  }
}
