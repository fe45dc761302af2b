// linkup testnet: a local DHT bootstrap for machines without internet.
import { startTestnet, TESTNET_NODES } from '../network/testnet.js'
import { parseArgs, parseHost, parsePort, pick, UsageError } from './options.js'
import { untilSignal } from './signals.js'

export const usage = `linkup testnet [--port N] [--dht-host IP]
  Runs a local DHT (${TESTNET_NODES} nodes) and prints its bootstrap address, HOST:PORT.
  Point other nodes at it with --bootstrap HOST:PORT. Runs until stopped.`

export async function run (argv: string[]): Promise<void> {
  const flags = parseArgs(argv, pick('port', 'dht-host'))
  if (flags.help === true) {
    console.log(usage)
    return
  }
  const host = parseHost(flags['dht-host']) ?? '127.0.0.1'
  const port = parsePort(flags.port, 0)
  if (port === 0 && flags.port !== undefined) throw new UsageError('--port for a testnet must be a fixed port (or leave it out)')
  const testnet = await startTestnet({ host, port })
  const first = testnet.bootstrap[0]
  if (first === undefined) throw new Error('the testnet has no bootstrap node')
  console.log(first)
  await untilSignal()
  await testnet.destroy()
}
