// examples/greeter-bot.ts, built against the package export ('linkup'), run as its own process.
import { expect, it } from 'vitest'
import fs from 'fs'
import path from 'path'
import { spawn } from 'child_process'
import { once } from 'events'
import { createLocalTestnet, createClient, tmpStorage } from '../helpers/peers.js'
import { waitFor } from '../helpers/wait.js'
import { watchReplies, body } from './helpers.js'

const EXAMPLE = path.resolve('dist/examples/greeter-bot.js')

it('the greeter example joins with an invite and answers', async () => {
  expect(fs.existsSync(EXAMPLE), 'build first: npm run build (or npx tsc -p examples)').toBe(true)
  const testnet = await createLocalTestnet()
  const alice = await createClient(testnet, { name: 'alice' })
  const room = await alice.createRoom('greetings')
  const replies = watchReplies(room)
  const child = spawn(process.execPath, [EXAMPLE], {
    env: { ...process.env, LINKUP_STORAGE: tmpStorage('greeter'), LINKUP_INVITE: await room.createInvite(), LINKUP_BOOTSTRAP: testnet.bootstrap.join(','), LINKUP_DHT_HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  const exited = once(child, 'exit') as Promise<[number | null]>
  let out = ''
  child.stdout.on('data', (d: Buffer) => { out += d.toString() })
  child.stderr.on('data', (d: Buffer) => { out += d.toString() })
  try {
    await waitFor(() => out.includes(`greeting in greetings (${room.id})`), { timeout: 60_000, message: 'the greeter to join' })
    const hello = await room.send('!hello')
    expect(body(await replies.first(hello.id, 60_000))).toBe('Hello, alice! 👋')
    const members = await room.send('!members')
    expect(body(await replies.first(members.id)).split(', ').sort()).toEqual(['Greeter ●', 'alice (owner) ●'])
    const help = await room.send('!help')
    expect(body(await replies.first(help.id))).toBe('Commands:\n- `!help`: lists the commands\n- `!hello`: says hello\n- `!members`: who is in this room')
  } finally {
    child.kill('SIGTERM')
  }
  const [code] = await exited
  expect(code, out).toBe(0)
})
