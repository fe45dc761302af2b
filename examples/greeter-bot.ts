// A bot in a few lines, written against the package ('linkup'), as a user of the SDK would.
//
//   npm run build && npx tsc -p examples
//   LINKUP_STORAGE=./greeter LINKUP_INVITE='linkup:…' node dist/examples/greeter-bot.js
//
// (LINKUP_BOOTSTRAP and LINKUP_DHT_HOST as for the linkup command, e.g. on a local testnet.)
import { Client, Bot } from 'linkup'

const env = process.env
const client = new Client({
  storage: env.LINKUP_STORAGE ?? './greeter-bot',
  ...(env.LINKUP_BOOTSTRAP === undefined ? {} : { bootstrap: env.LINKUP_BOOTSTRAP.split(',') }),
  ...(env.LINKUP_DHT_HOST === undefined ? {} : { dhtHost: env.LINKUP_DHT_HOST })
})
await client.ready()
await client.setProfile({ name: 'Greeter' })

const bot = new Bot({ client, prefix: '!' })
bot.command('hello', {
  help: 'says hello',
  run: ({ author }) => `Hello, ${author.name}! 👋`
})
bot.command('members', {
  help: 'who is in this room',
  run: async ({ room }) => {
    const members = await room.members()
    return members.map(m => `${m.name ?? 'someone'}${m.role === 'owner' ? ' (owner)' : ''}${m.online ? ' ●' : ''}`).join(', ')
  }
})
bot.onFile(({ file, author }) => `Thanks for sharing ${file.name}, ${author.name}.`)
bot.on('warning', (err) => console.error('greeter:', err))
await bot.start()

// The invite is only needed the first time: the room is in storage afterwards.
if (client.rooms.length === 0) {
  if (env.LINKUP_INVITE === undefined) throw new Error('set LINKUP_INVITE the first time')
  await client.joinRoom(env.LINKUP_INVITE)
}
for (const room of client.rooms) console.log(`greeting in ${room.alias} (${room.id})`)

const stop = async (): Promise<void> => {
  await bot.stop()
  await client.close()
}
process.once('SIGINT', () => { stop().catch(console.error) })
process.once('SIGTERM', () => { stop().catch(console.error) })
