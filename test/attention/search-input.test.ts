// Search with a bad day's input (docs/architecture.md §15.2): hostile and odd queries are words
// to look for, never patterns, never a crash; accents, scripts and emoji are found; limits are
// refused with a reason. One offline peer: nothing here needs the network.
import { test, expect } from 'vitest'
import { createClient, offline } from '../helpers/peers.js'

test('odd and hostile queries: found as words, refused with a reason, never a crash', async () => {
  const client = await createClient(offline, { name: 'solo' })
  const room = await client.createRoom('input')
  const texts = [
    'Café crème at the Zürich office',
    'Регистрация открыта до пятницы',
    '会議は明日です',
    'deploy 🚀 tonight, rollback plan (a+b)*c ready',
    '<script>alert(1)</script> was in the logs',
    'price is $5.00 [approx] ^ not \\d+'
  ]
  for (const t of texts) await room.send(t)
  await client.searchReady()
  const found = async (q: string): Promise<string[]> => (await client.search(q)).map(r => r.message.text ?? '')

  expect(await found('café')).toEqual([texts[0]])
  expect(await found('zur')).toEqual([]) // no folding of accents: "zür" is what was written
  expect(await found('zür')).toEqual([texts[0]])
  expect(await found('регистрация')).toEqual([texts[1]]) // any case
  expect(await found('会議')).toEqual([texts[2]]) // a prefix of a run of CJK text
  expect(await found('rollback')).toEqual([texts[3]])
  expect(await found('script')).toEqual([texts[4]])
  for (const q of ['(a+b)*c', '.*', '\\d+', '[approx]', '^', '$5', '((((', '\u0000', '🚀', ' \t ', 'a'.repeat(200)]) {
    if (q.trim() === '') await expect(client.search(q)).rejects.toThrow(/1 to 200 characters/)
    else expect(Array.isArray(await client.search(q))).toBe(true)
  }
  expect(await found('approx')).toEqual([texts[5]])
  await expect(client.search('a'.repeat(201))).rejects.toThrow(/1 to 200 characters/)
  await expect(client.search('x', { limit: 0 })).rejects.toThrow(/limit/)
  await expect(client.search('x', { author: 'not a key' })).rejects.toThrow(/author/)
  await expect(client.search(42 as unknown as string)).rejects.toThrow(/1 to 200 characters/)
})
