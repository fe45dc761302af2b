// Our Autobase patch, part 4 (patches/autobase+7.28.1.patch): many bases on one Corestore, as a
// LinkUp node with many rooms. Every base's wakeup looked at every core of the store when it
// opened and whenever any core opened, reading two user data of each: with 100 rooms 440 read
// batches per room at start. Now a core is read once for all bases. Without the patch the
// opening of one more base reads every open core of the store again (the test fails).
import { expect, onTestFinished, test } from 'vitest'
import Autobase from 'autobase'
import Corestore from 'corestore'
import Hyperbee from 'hyperbee'
import { tmpStorage, readBatches } from './bases.js'

const BASES = 12

function open (store: Corestore, name: string): Autobase<Hyperbee> {
  const base = new Autobase<Hyperbee>(store.namespace(name), null, {
    open: (s) => new Hyperbee(s.get({ name: 'view' }), { keyEncoding: 'utf-8', valueEncoding: 'utf-8', extension: false }),
    apply: async () => {},
    valueEncoding: 'binary',
    ackInterval: 1000
  })
  onTestFinished(() => base.close())
  return base
}

test('a base opening beside many others does not read every core of the store again', async () => {
  const store = new Corestore(tmpStorage('many'))
  onTestFinished(() => store.close())
  for (let i = 0; i < BASES; i++) {
    const base = open(store, 'room-' + i)
    await base.ready()
    await base.append(Buffer.from('hello'))
  }
  const before = readBatches(store)
  const last = open(store, 'room-last')
  await last.ready()
  const reads = readBatches(store) - before
  // The base's own opening reads a few dozen batches (46 here); unpatched it also read the two
  // user data of each of the other bases' cores (176 here).
  expect(reads).toBeLessThan(60)
})
