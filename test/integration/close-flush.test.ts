// A clean close leaves nothing for the next start to replay: RocksDB's in-memory writes (up to
// 64 MiB, otherwise only in its write-ahead log) are written out, so a restart does not spend
// its first half second replaying the log (bench "open": 400-500 ms before, ~110 ms after).
import fs from 'fs'
import path from 'path'
import { test, expect } from 'vitest'
import { createLocalTestnet, createClient, tmpStorage } from '../helpers/peers.js'

function walBytes (storage: string): number {
  const db = path.join(storage, 'corestore', 'db')
  return fs.readdirSync(db).filter(f => f.endsWith('.log')).reduce((n, f) => n + fs.statSync(path.join(db, f)).size, 0)
}

test('closing a client leaves an empty RocksDB write-ahead log', async () => {
  const testnet = await createLocalTestnet()
  const storage = tmpStorage('close')
  const alice = await createClient(testnet, { name: 'alice', storage })
  const room = await alice.createRoom('flushed')
  await Promise.all(Array.from({ length: 300 }, (_, i) => room.send(`message ${i}`)))
  expect(walBytes(storage)).toBeGreaterThan(0) // the writes so far are only in the log
  await alice.close()
  expect(walBytes(storage)).toBe(0)
  const again = await createClient(testnet, { storage })
  expect((await again.rooms[0].messages({ limit: 500 })).length).toBe(300)
})
