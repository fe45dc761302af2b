// The Bot framework with real peers on a local testnet, in one process: commands, files, what it
// ignores (history, itself, other bots), the rate limiter, failing handlers, and a restart.
import { expect, it } from 'vitest'
import { Bot, BOT_MARKER, type Handled, type Message } from '../../src/index.js'
import { createLocalTestnet, createClient } from '../helpers/peers.js'
import { waitFor } from '../helpers/wait.js'
import { watchReplies, body } from './helpers.js'

function makeBot (client: Bot['client'], clock: { now: number }): { bot: Bot, handled: Handled[] } {
  const bot = new Bot({ client, now: () => clock.now, handlerTimeout: 300 })
  bot.command('echo', { help: 'repeats', run: ({ rest }) => rest })
  bot.command('boom', { help: 'fails', run: () => { throw new Error('boom') } })
  bot.command('hang', { help: 'never ends', run: () => new Promise<never>(() => {}) })
  bot.command('two', { help: 'replies itself', run: async (ctx) => { for (let i = 0; i < 10; i++) await ctx.reply('part ' + i) } })
  bot.onFile(async ({ file, message, read }) => `${message.type} ${file.mime} ${file.size} read ${(await read()).toString('hex')}`)
  const handled: Handled[] = []
  bot.on('handled', (h: Handled) => handled.push(h))
  return { bot, handled }
}

it('answers commands and files; ignores history, itself and bots; limits its rate; survives a restart', async () => {
  const testnet = await createLocalTestnet()
  const alice = await createClient(testnet, { name: 'alice' })
  const botClient = await createClient(testnet, { name: 'helper bot' })
  const room = await alice.createRoom('bots')
  const replies = watchReplies(room)
  const old = await room.send('!echo from history')

  const clock = { now: Date.now() } // frozen: the bucket refills only when the test moves it
  let { bot, handled } = makeBot(botClient, clock)
  await bot.start()
  const botRoom = await botClient.joinRoom(await room.createInvite())
  await waitFor(() => room.peers > 0 && botRoom.peers > 0, { message: 'the two peers to talk' })

  const help = await room.send('!help')
  expect(body(await replies.first(help.id))).toContain('`!echo`: repeats')
  const echo = await room.send('!echo hello *there*')
  expect(body(await replies.first(echo.id))).toBe('hello *there*')
  const unknown = await room.send('!nope')
  expect(body(await replies.first(unknown.id))).toBe('Unknown command !nope: try !help')
  const boom = await room.send('!boom')
  expect(body(await replies.first(boom.id))).toBe('Sorry, that did not work.')
  clock.now += 10_000
  const hang = await room.send('!hang')
  expect(body(await replies.first(hang.id))).toBe('Sorry, that took too long.')
  expect(handled.find(h => h.message.id === hang.id)?.outcome).toBe('failed')
  expect(handled.find(h => h.message.id === boom.id)?.outcome).toBe('failed')
  const two = await room.send('!two')
  await waitFor(() => replies.to(two.id).length === 3, { message: 'three replies (the most per message)' })

  clock.now += 10_000
  const file = await room.sendFile('notes.txt', Buffer.from('hi there'), 'text/plain')
  expect(body(await replies.first(file.id))).toBe('file text/plain 8 read ' + Buffer.from('hi there').toString('hex'))
  const audio = await room.sendAudio(Buffer.from([1, 2, 3]), 'audio/webm', 2500)
  expect(body(await replies.first(audio.id))).toBe('audio audio/webm 3 read 010203')

  // Ignored: its own command, a message marked as a bot's, chat. A later command proves the bot
  // got past them (it handles one message at a time, in order).
  const own = await botRoom.send('!echo myself')
  const marked = await room.send(BOT_MARKER + '!echo I am another bot')
  const chat = await room.send('just chatting')
  await waitFor(async () => (await room.message(own.id)) !== null, { message: 'the bot\'s own message at alice' })
  const after = await room.send('!echo after')
  await replies.first(after.id)
  for (const m of [old, own, marked, chat]) expect(replies.to(m.id), m.text).toEqual([])
  expect(handled.map(h => h.message.id)).not.toContain(own.id)

  // Rate: 5 per 5 s. Eight at once: five answers, one "slow down", two dropped in silence.
  clock.now += 10_000
  const burst: Message[] = []
  for (let i = 0; i < 8; i++) burst.push(await room.send('!echo burst ' + i))
  await waitFor(() => handled.filter(h => burst.some(b => b.id === h.message.id)).length === 8, { message: 'the burst handled' })
  const outcomes = burst.map(b => handled.find(h => h.message.id === b.id)?.outcome)
  expect(outcomes).toEqual(['answered', 'answered', 'answered', 'answered', 'answered', 'notice', 'limited', 'limited'])
  await waitFor(() => replies.to(burst[5]?.id ?? '').length === 1, { message: 'the slow-down notice' })
  expect(body(replies.to(burst[5]?.id ?? '')[0] as Message)).toMatch(/^Slow down/)

  // A new Bot on the same storage answers nothing twice, then answers what is new.
  await bot.stop()
  const before = replies.all().length
  ;({ bot, handled } = makeBot(botClient, clock))
  clock.now += 10_000
  await bot.start()
  const fresh = await room.send('!echo fresh')
  expect(body(await replies.first(fresh.id))).toBe('fresh')
  expect(handled.map(h => h.message.id)).toEqual([fresh.id])
  expect(replies.all().length).toBe(before + 1)
  await bot.stop()
})

it('two bots in one room never answer each other', async () => {
  const testnet = await createLocalTestnet()
  const alice = await createClient(testnet, { name: 'alice' })
  const room = await alice.createRoom('two bots')
  const replies = watchReplies(room)
  const bots: Bot[] = []
  for (const name of ['bot one', 'bot two']) {
    const client = await createClient(testnet, { name })
    const bot = new Bot({ client }).command('echo', { help: 'repeats', run: ({ rest }) => rest })
    bots.push(bot)
    await bot.start()
    await client.joinRoom(await room.createInvite())
  }
  const loop = await room.send('!echo !echo loop')
  await waitFor(() => replies.to(loop.id).length === 2, { message: 'both bots to answer' })
  expect(replies.to(loop.id).map(body)).toEqual(['!echo loop', '!echo loop'])
  // Sent after both replies, so each bot meets the other's reply before this one.
  const done = await room.send('!echo done')
  await waitFor(() => replies.to(done.id).length === 2, { message: 'both bots to answer again' })
  const ids = new Set(replies.all().map(r => r.id))
  expect(replies.all().filter(r => ids.has(r.replyTo ?? ''))).toEqual([])
  expect(replies.all()).toHaveLength(4)
  await Promise.all(bots.map(b => b.stop()))
})
