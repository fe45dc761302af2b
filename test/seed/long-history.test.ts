// A long history through a seeder: B, coming back to 10,000 messages with only the seeder to
// reach, fast-forwards to the signed state and reads the view's blocks from the seeder. Two
// races were found here: A counted itself "kept" once its own log was on the seeder but not yet
// the view it signed, and left B waiting for ever on view blocks nobody had (kept now covers
// the signed view); and B's close waited on its reader's pass, itself waiting on a view block
// the closed network would never bring (the base now closes under it first).
import { test, expect, onTestFinished } from 'vitest'
import { createLocalTestnet, createClient, tmpStorage } from '../helpers/peers.js'
import { startCli } from '../helpers/cli.js'
import { waitFor } from '../helpers/wait.js'

const N = 10_000

test('10,000 messages through a seeder after the writer left: B reads them all and closes', async () => {
  const testnet = await createLocalTestnet()
  const seeder = startCli(['seed', '--storage', tmpStorage('seeder'), '--bootstrap', testnet.bootstrap.join(','), '--dht-host', '127.0.0.1'])
  onTestFinished(() => { if (seeder.child.exitCode === null && seeder.child.signalCode === null) seeder.child.kill('SIGKILL') })
  const key = await seeder.line
  const bStorage = tmpStorage('b')
  const a = await createClient(testnet, { name: 'ann', seeders: [key] })
  let b = await createClient(testnet, { storage: bStorage, name: 'bob', seeders: [key] })
  const room = await a.createRoom('long')
  await b.joinRoom(await room.createInvite())
  await waitFor(async () => (await room.members()).length === 2, { message: 'B to join' })
  await b.close()

  let next = 0
  await Promise.all(Array.from({ length: 64 }, async () => { while (next < N) await room.send(`m ${next++}`) }))
  await waitFor(() => room.status.kept, { timeout: 120_000, message: 'the seeder to hold A\'s log and the signed view' })
  await a.close()

  b = await createClient(testnet, { storage: bStorage, seeders: [key] })
  const bRoom = b.room(room.id)
  if (bRoom === undefined) throw new Error('B lost the room')
  await waitFor(async () => (await bRoom.messages({ limit: 1 }))[0]?.text === `m ${N - 1}`, { timeout: 120_000, message: 'B to read the last message from the seeder' })
  const page = await bRoom.messages({ limit: 500 })
  expect(page.map(m => m.text)).toEqual(Array.from({ length: 500 }, (_, i) => `m ${N - 500 + i}`))
  await b.close() // resolves: no read left waiting on a block nobody will send
}, 240_000)
