// Every core and view of a client shares one bounded cache, so memory does not grow with
// history (the soak's heap climbed ~1 MiB per 1,000 messages with a cache per room view).
import { test, expect } from 'vitest'
import { createLocalTestnet, createClient } from '../helpers/peers.js'

test('all rooms of a client share one bounded cache, which fills and stays at its bound', async () => {
  const testnet = await createLocalTestnet()
  const client = await createClient(testnet, { name: 'chatty' })
  const rooms = await Promise.all([0, 1, 2].map(i => client.createRoom(`room ${i}`)))
  const cache = (client as unknown as { store: { globalCache: { maxSize: number, globalSize: number } | null } }).store.globalCache
  expect(cache).not.toBeNull()
  const bound = (cache as { maxSize: number }).maxSize
  for (let i = 0; i < 300; i++) await Promise.all(rooms.map(r => r.send(`line ${i}`)))
  for (const r of rooms) await r.messages({ limit: 500 })
  expect((cache as { globalSize: number }).globalSize).toBeGreaterThan(0)
  expect((cache as { globalSize: number }).globalSize).toBeLessThanOrEqual(bound)
})
