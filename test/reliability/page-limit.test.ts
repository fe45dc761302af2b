// room.messages() refuses a limit over 500 (issue 13, item 10). A user who asks for more
// learns the bound and how to read further back, from the error and from the README.
import { test, expect } from 'vitest'
import fs from 'fs'
import { createLocalTestnet, createClient } from '../helpers/peers.js'
import { MAX_PAGE } from '../../src/message-reader.js'

test('a page over the limit is refused with the bound and the way to page back', async () => {
  const testnet = await createLocalTestnet()
  const alice = await createClient(testnet, { name: 'alice' })
  const room = await alice.createRoom('pages')
  for (let i = 0; i < 3; i++) await room.send(`m${i}`)
  const page = await room.messages({ limit: MAX_PAGE })
  expect(page.map(m => m.text)).toEqual(['m0', 'm1', 'm2'])
  for (const limit of [MAX_PAGE + 1, 0, 2.5]) {
    const err = await room.messages({ limit }).then(() => null, (e: unknown) => e as { code?: string, message?: string })
    expect(err?.code, `limit ${limit}`).toBe('INVALID_ARGUMENT')
    expect(err?.message).toContain(`1 to ${MAX_PAGE}`)
    expect(err?.message).toContain('before')
  }
  const older = await room.messages({ limit: 1, before: page[2]?.id as string })
  expect(older.map(m => m.text)).toEqual(['m1'])
})

test('the README states the page limit where room.messages() is described', () => {
  const readme = fs.readFileSync('README.md', 'utf8')
  const start = readme.indexOf('#### `const messages = await room.messages(')
  expect(start).toBeGreaterThan(-1)
  const section = readme.slice(start, readme.indexOf('\n#### ', start + 1))
  expect(section).toContain(`1 to ${MAX_PAGE}`)
  expect(section).toContain('`before`')
})
