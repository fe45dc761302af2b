// One side of a connect-probe trial, run as its own process (forked by connect-probe.ts).
//   owner:  creates a room, reports its invite, answers every 'ping' with 'pong'.
//   joiner: joins with the invite, says 'ping', reports when it was admitted and when the owner's
//           'pong' arrived (ms since it started joining; it needs a talking connection for both).
// Messages to the parent (IPC): { ready, invite } | { started } | { joined, ms } | { pong, ms } | { error }.
import { Client, type Message } from '../src/index.js'

type Role = 'owner' | 'joiner'

function send (message: Record<string, unknown>): void {
  process.send?.(message)
}

async function owner (client: Client): Promise<void> {
  const room = await client.createRoom('probe')
  room.on('message', (m: Message) => {
    if (m.author.key !== room.identityKey && m.text === 'ping') room.send('pong').catch(fail)
  })
  send({ ready: true, invite: await room.createInvite() })
}

async function joiner (client: Client, invite: string): Promise<void> {
  const start = Date.now()
  send({ started: true })
  const room = await client.joinRoom(invite)
  send({ joined: true, ms: Date.now() - start })
  room.on('message', (m: Message) => {
    if (m.author.key !== room.identityKey && m.text === 'pong') send({ pong: true, ms: Date.now() - start })
  })
  await room.send('ping')
}

function fail (err: unknown): void {
  send({ error: err instanceof Error ? `${(err as { code?: string }).code ?? ''} ${err.message}` : String(err) })
}

async function main (): Promise<void> {
  const [role, bootstrap, storage, invite] = process.argv.slice(2) as [Role, string, string, string | undefined]
  const client = new Client({ storage, bootstrap: bootstrap.split(','), dhtHost: '127.0.0.1', joinTimeout: 60_000 })
  // The parent disconnects to end the trial (and removes the storage once we exited).
  const stop = (): void => { client.close().catch(() => {}).finally(() => process.exit(0)) }
  process.on('disconnect', stop)
  process.on('SIGTERM', stop)
  await client.ready()
  await client.setProfile({ name: role })
  if (role === 'owner') await owner(client)
  else await joiner(client, invite ?? '')
}

main().catch(fail)
