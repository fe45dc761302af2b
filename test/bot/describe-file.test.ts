// How the example bot describes a file when it cannot, or will not, fetch it.
import { expect, it } from 'vitest'
import { describeFile, FETCH_MAX_BYTES } from '../../src/bot/example-bot.js'
import { LinkUpError, type FileContext, type Message } from '../../src/index.js'

function ctx (size: number, read: FileContext['read']): FileContext {
  const file = { drive: 'ab'.repeat(32), path: '/files/big.bin', name: 'big.bin', mime: 'application/octet-stream', size }
  const message = {
    id: 'ab'.repeat(32) + ':3', type: 'file', author: { key: 'ab'.repeat(32), device: 'ab'.repeat(32), name: 'alice' }, file, timestamp: 0, position: 3, seen: true,
    replyTo: null, mentions: [], edited: null, deleted: false, reactions: {}
  } satisfies Message
  return { room: null as never, message, author: message.author, file, read, reply: async () => null, react: async () => null, edit: async () => null }
}

it('says when no peer could provide the file', async () => {
  const reply = await describeFile(ctx(10, async () => { throw new LinkUpError('FILE_UNAVAILABLE', 'no peer has it') }))
  expect(reply).toBe('📎 big.bin: application/octet-stream, 10 bytes (as announced; I could not fetch it: FILE_UNAVAILABLE)')
})

it('does not fetch a file larger than its limit', async () => {
  let fetched = false
  const reply = await describeFile(ctx(FETCH_MAX_BYTES + 1, async () => { fetched = true; return Buffer.alloc(0) }))
  expect(fetched).toBe(false)
  expect(reply).toBe('📎 big.bin: application/octet-stream, 25.0 MB (26214401 bytes) (as announced; too large for me to fetch)')
})
