// A node closing hands its seeders what they lack first (src/seed/room-seeders.ts handOver,
// docs/architecture.md §14.3). The owner signs at most once a second, so a seeder that held
// its log and its signed view a moment ago may lack the last messages and the view signed
// since; an owner that closed then left a member coming back, who fast-forwards to that signed
// view, waiting for ever on blocks no one online had (seeder-life.test.ts, 8 runs of 80 under
// load).
import { test, expect, onTestFinished } from 'vitest'
import { createLocalTestnet, createClient, tmpStorage } from '../helpers/peers.js'
import { startCli } from '../helpers/cli.js'
import { waitFor, within } from '../helpers/wait.js'

const N = 40

test('an owner that closes right after sending leaves every message on its seeder: a member only the seeder can reach reads them all', async () => {
  const testnet = await createLocalTestnet()
  const seeder = startCli(['seed', '--storage', tmpStorage('seeder'), '--bootstrap', testnet.bootstrap.join(','), '--dht-host', '127.0.0.1'])
  onTestFinished(() => { if (seeder.child.exitCode === null && seeder.child.signalCode === null) seeder.child.kill('SIGKILL') })
  const key = await within(seeder.line, 30_000, 'the seeder\'s key')
  const bStorage = tmpStorage('b')
  const a = await createClient(testnet, { name: 'ann', seeders: [key] })
  let b = await createClient(testnet, { storage: bStorage, name: 'bob' })
  const room = await a.createRoom('last words')
  await within(b.joinRoom(await room.createInvite()), 30_000, 'B to join')
  await waitFor(async () => (await room.members()).length === 2, { message: 'A to see B as a member' })
  await within(b.close(), 30_000, 'B to close')
  await waitFor(() => room.status.kept, { timeout: 60_000, message: 'the seeder to hold the room as it is' })

  for (let i = 0; i < N; i++) await room.send(`last words #${i}`)
  const closing = Date.now()
  await within(a.close(), 30_000, 'A to close') // at once: no waiting for `kept` here
  const tookMs = Date.now() - closing

  b = await createClient(testnet, { storage: bStorage, seeders: [key] })
  const bRoom = b.room(room.id)
  if (bRoom === undefined) throw new Error('B lost the room')
  const texts = await waitFor(async () => {
    const page = await bRoom.messages({ limit: N + 10 })
    return page.length === N ? page.map(m => m.text) : null
  }, { timeout: 60_000, message: `B to read the ${N} messages from the seeder` })
  expect(texts).toEqual(Array.from({ length: N }, (_, i) => `last words #${i}`))
  expect(tookMs).toBeLessThan(10_000) // the hand-over is bounded (5 s at most)
}, 180_000)
