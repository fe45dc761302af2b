// The bot framework's reactions and edits (src/bot/context.ts): a command reacts to the message
// it answers and edits its own reply as its work goes on; it never edits anyone else's.
import { expect, it } from 'vitest'
import { Bot, BOT_MARKER, isBotMessage, type Message } from '../../src/index.js'
import { createLocalTestnet, createClient } from '../helpers/peers.js'
import { waitFor } from '../helpers/wait.js'

it('reacts to a command and edits its own reply, never another\'s message', async () => {
  const testnet = await createLocalTestnet()
  const alice = await createClient(testnet, { name: 'alice' })
  const botClient = await createClient(testnet, { name: 'helper bot' })
  const room = await alice.createRoom('bots')
  const bot = new Bot({ client: botClient })
  const refused: Array<Message | null> = []
  bot.command('work', {
    help: 'works a while',
    run: async (ctx) => {
      await ctx.react('⏳')
      const reply = await ctx.reply('working…')
      refused.push(await ctx.edit(ctx.message, 'alice did not say this'))
      if (reply !== null) await ctx.edit(reply, 'done: 3 items')
      await ctx.react('✅')
    }
  })
  await bot.start()
  const botRoom = await botClient.joinRoom(await room.createInvite())
  await waitFor(() => room.peers > 0 && botRoom.peers > 0, { message: 'the two peers to talk' })

  const updates: Message[] = []
  room.on('update', (m: Message) => updates.push(m))
  const cmd = await room.send('!work')
  const reply = await waitFor(async () => {
    const all = await room.messages()
    return all.find(m => m.replyTo === cmd.id && m.text === BOT_MARKER + 'done: 3 items')
  }, { message: "the bot's edited reply" })
  expect(isBotMessage(reply)).toBe(true)
  expect(reply.edited).not.toBeNull()
  await waitFor(async () => (await room.message(cmd.id))?.reactions['✅']?.length === 1, { message: 'the bot reacts when done' })
  expect((await room.message(cmd.id))?.reactions).toEqual({ '⏳': [botRoom.identityKey], '✅': [botRoom.identityKey] })
  expect((await room.message(cmd.id))?.text).toBe('!work')
  expect(refused).toEqual([null])
  expect(updates.some(m => m.id === reply.id)).toBe(true)
  await bot.stop()
})
