// `linkup bot` as its own process on a local testnet, with a person (the SDK) in the same room:
// every command, files, bad input, the rate limit, and a restart from storage that keeps the
// bot's identity and answers nothing twice. Needs `npx tsc -p tsconfig.json` (npm test builds).
import { expect, it, onTestFailed } from 'vitest'
import fs from 'fs'
import path from 'path'
import { createLocalTestnet, createClient, tmpStorage } from '../helpers/peers.js'
import { waitFor } from '../helpers/wait.js'
import { TokenBucket, type Message } from '../../src/index.js'
import { watchReplies, body } from './helpers.js'
import { CLI, startBot, exitCode } from './process.js'

const DEADLINE = 60_000 // first connections between processes are often half-open for ~13 s here

it('linkup bot answers a person in its room, and restarts from its storage', async () => {
  expect(fs.existsSync(CLI), 'build first: npx tsc -p tsconfig.json').toBe(true)
  const testnet = await createLocalTestnet()
  const alice = await createClient(testnet, { name: 'alice' })
  const room = await alice.createRoom('lobby')
  const replies = watchReplies(room)
  const old = await room.send('!echo before the bot joined')
  const storage = tmpStorage('bot')
  const net = ['--bootstrap', testnet.bootstrap.join(','), '--dht-host', '127.0.0.1']

  let t0 = Date.now()
  let bot = startBot(['--storage', storage, '--invite', await room.createInvite(), '--name', 'Dice Bot', '--log-level', 'info', ...net])
  onTestFailed(() => {
    console.log('the bot said (stderr):\n' + bot.stderr())
    console.log('replies seen:\n' + replies.all().map(r => `${r.replyTo ?? ''} ← ${body(r).slice(0, 80)}`).join('\n'))
  })
  const first = await bot.line
  const joinedMs = Date.now() - t0
  const [, roomId, writerKey] = /^room ([0-9a-f]{64}) as ([0-9a-f]{64})$/.exec(first) ?? []
  expect(roomId).toBe(room.id)
  await waitFor(() => room.peers > 0, { timeout: DEADLINE, message: 'the bot as a peer' })
  console.log(`bot process: joined after ${joinedMs} ms, talking peer at alice after ${Date.now() - t0} ms`)

  // The bot answers at most 5 per 5 s (1 token a second). The person is paced by a bucket of
  // the same rate holding one token less: the bot takes its tokens a little later than this
  // copy does, which can waste some refill while its bucket is full, and the spare token
  // covers that.
  const pace = new TokenBucket({ capacity: 4, intervalMs: 4000 })
  const ask = async (text: string): Promise<{ sent: Message, reply: string }> => {
    await waitFor(() => pace.available >= 1, { timeout: 10_000, message: 'a token' })
    pace.take()
    const sent = await room.send(text)
    const reply = await replies.first(sent.id, DEADLINE)
    expect(reply.author.key).toBe(writerKey)
    return { sent, reply: body(reply) }
  }

  const help = await ask('!help')
  for (const c of ['!help', '!ping', '!echo', '!stats', '!roll']) expect(help.reply).toContain('`' + c)
  expect((await ask('!ping')).reply).toMatch(/^pong: \d+ ms round trip \(1 peer\)$/)
  expect((await ask('!echo hello, *world*')).reply).toBe('hello, *world*')
  const dice = (await ask('!roll 2d6')).reply
  const [, a, b, sum] = /^🎲 2d6: (\d) \+ (\d) = (\d+)$/.exec(dice) ?? []
  expect(Number(a) + Number(b)).toBe(Number(sum))
  expect([a, b].every(x => Number(x) >= 1 && Number(x) <= 6)).toBe(true)
  expect((await ask('!roll 999999d999999')).reply).toBe('Cannot roll that: roll 1 to 100 dice.')
  expect((await ask('!roll 3d5000')).reply).toBe('Cannot roll that: dice have 2 to 1000 sides.')
  expect((await ask('!frobnicate')).reply).toBe('Unknown command !frobnicate: try !help')
  // 100 KB cannot even be sent; the largest message that can gets a short refusal.
  await expect(room.send('!echo ' + 'x'.repeat(100 * 1024))).rejects.toMatchObject({ code: 'TOO_LARGE' })
  expect((await ask('!echo ' + 'x'.repeat(15_990))).reply).toBe('That is too long to echo (2000 characters at most).')

  await waitFor(() => pace.available >= 2, { timeout: 10_000, message: 'two tokens' })
  pace.take()
  pace.take()
  const file = await room.sendFile('notes.txt', Buffer.alloc(1234, 'n'), 'text/plain')
  const audio = await room.sendAudio(Buffer.alloc(2048, 1), 'audio/webm', 2500)
  const fileReply = body(await replies.first(file.id, DEADLINE))
  const audioReply = body(await replies.first(audio.id, DEADLINE))
  expect(fileReply).toBe('📎 notes.txt: text/plain, 1.2 KB (1234 bytes), fetched')
  expect(audioReply).toMatch(/^🎤 voice message \S+: audio\/webm, 2\.0 KB \(2048 bytes\), 2\.5 s, fetched$/)
  await waitFor(() => pace.available >= 1, { timeout: 10_000, message: 'a token' })
  pace.take()
  const statsAsk = await room.send('!stats')
  const count = (await room.messages({ limit: 500 })).length
  expect(body(await replies.first(statsAsk.id, DEADLINE))).toBe(`📊 ${count} messages, 2 members, 1 peer online, 2 files (incl. voice)`)

  // A flood: answers while the bot has tokens, one "slow down" at the first refusal, then
  // silence. How many tokens come back while the bot works through the flood depends on its
  // speed, so what each message got is read from the bot's own log ("roll from Alice (id):
  // answered | notice | limited") and the replies must match it exactly.
  await waitFor(() => pace.available >= 4, { timeout: 10_000, message: 'a full bucket' })
  const flood: Message[] = []
  for (let i = 0; i < 10; i++) flood.push(await room.send('!roll d20'))
  const outcomeOf = (m: Message): string | undefined => new RegExp(`\\(${m.id.slice(-8)}\\): (answered|notice|limited)`).exec(bot.stderr())?.[1]
  await waitFor(() => flood.every(m => outcomeOf(m) !== undefined), { timeout: DEADLINE, message: 'the bot to log all ten' })
  const handledAt = Date.now()
  const outcomes = flood.map(outcomeOf)
  const firstRefused = outcomes.findIndex(o => o !== 'answered')
  expect(firstRefused, outcomes.join(' ')).toBeGreaterThanOrEqual(4) // it had at least the 4 tokens the pace left it
  expect(outcomes[firstRefused]).toBe('notice')
  // A refusal right after an answer is a notice, one after a refusal is silent (src/bot/rate-limit.ts).
  expect(outcomes.map((o, i) => o === 'answered' ? o : i > 0 && outcomes[i - 1] !== 'answered' ? 'limited' : 'notice')).toEqual(outcomes)
  await waitFor(() => flood.every(m => replies.to(m.id).length === (outcomes[flood.indexOf(m)] === 'limited' ? 0 : 1)), { timeout: DEADLINE, message: 'a reply to each answered roll and to the notice' })
  expect(body(replies.to(flood[firstRefused]?.id ?? '')[0] as Message)).toMatch(/^Slow down/)
  // A second after its last take the bot has a token again: the next command is answered.
  await waitFor(() => Date.now() - handledAt >= 1100, { timeout: 5_000, message: 'a token back at the bot' })
  const after = await room.send('!echo after the flood')
  expect(body(await replies.first(after.id, DEADLINE))).toBe('after the flood')
  expect(flood.map(m => replies.to(m.id).length)).toEqual(outcomes.map(o => o === 'limited' ? 0 : 1)) // nothing late
  expect(replies.to(old.id)).toEqual([])

  // Restart from storage, configured from the environment and without the invite.
  expect(await bot.stop('SIGTERM')).toBe(0)
  const away = await room.send('!echo while you were away')
  const answered = replies.all().length
  t0 = Date.now()
  bot = startBot([], { LINKUP_STORAGE: storage, LINKUP_BOOTSTRAP: testnet.bootstrap.join(','), LINKUP_DHT_HOST: '127.0.0.1' })
  expect(await bot.line).toBe(`room ${room.id} as ${writerKey}`)
  expect(body(await replies.first(away.id, DEADLINE))).toBe('while you were away')
  console.log(`bot process restarted: caught up after ${Date.now() - t0} ms`)
  const pong = await ask('!ping')
  expect(pong.reply).toMatch(/^pong: \d+ ms round trip \(1 peer\)$/)
  expect(replies.all().length).toBe(answered + 2) // nothing old answered again
  expect(new Set(replies.all().map(r => r.replyTo)).size).toBe(replies.all().length)
  expect(await bot.stop('SIGINT')).toBe(0)
}, 150_000)

it('linkup bot refuses bad options with one line and exit code 2', async () => {
  const storage = tmpStorage('bot-bad')
  const cases: Array<[string[], RegExp]> = [
    [['--storage', storage], /--invite is needed the first time/],
    [['--storage', storage, '--invite', 'hello'], /not a LinkUp invite/],
    [['--storage', storage, '--port', '1'], /unknown option '--port'/],
    [['--storage', storage, '--dht-host', 'nowhere'], /--dht-host must be an IP address/]
  ]
  for (const [args, message] of cases) {
    const bot = startBot(args, { LINKUP_BOOTSTRAP: '127.0.0.1:1', LINKUP_DHT_HOST: '127.0.0.1' })
    expect(await exitCode(bot.child), args.join(' ')).toBe(2)
    expect(bot.stderr().trim().split('\n')).toHaveLength(1)
    expect(bot.stderr()).toMatch(message)
  }
})

it('linkup bot stops cleanly on SIGTERM while it is still joining', async () => {
  const testnet = await createLocalTestnet()
  const storage = tmpStorage('bot-joining')
  // A well-formed invite to a room nobody serves: the join would wait for its full timeout.
  const bot = startBot(['--storage', storage, '--invite', 'linkup:' + 'A'.repeat(96), '--bootstrap', testnet.bootstrap.join(','), '--dht-host', '127.0.0.1'])
  const state = path.join(storage, 'local-state.json')
  await waitFor(() => fs.existsSync(state) && fs.readFileSync(state, 'utf8').includes('LinkUp Bot'), { timeout: 30_000, message: 'the bot to set its name and start joining' })
  // Exit code 0, not death by the signal (null), and not a SIGKILL after 8 s either: the room
  // that finished opening as the node closed once restarted the wakeup protocol's garbage
  // collection, whose 2 s interval kept the process alive ~10 s more (20 s under load).
  expect(await bot.stop('SIGTERM', 8_000), bot.stderr()).toBe(0)
})
