// Our Hypercore patch, part 4 (patches/hypercore+11.37.1.patch): a snapshot taken while the
// core's atomic session flushes, when that session closes meanwhile.
//
// Autobase applies through an atomic session of each view core (one atom for the apply's
// writes); a reader's Hyperbee get snapshots the view's core, and a snapshot taken while the
// atom flushes waits for the flush. When the atomic session closes meanwhile (the base
// closing, or fast-forwarding to a new apply state), Hypercore's wait read the atom off the
// session state again after the await, found null and threw a TypeError inside the snapshot's
// own open, where nobody catches it: an uncaught exception (seen in LinkUp's join-name test,
// six joiners, about once in 100 runs). Without the patch the test fails on that exception.
import { test, expect } from 'vitest'
import Corestore from 'corestore'
import type Hypercore from 'hypercore'
import { tmpStorage } from './bases.js'

interface Atom { flush: () => Promise<void>, flushing: boolean }
type Session = Hypercore & { session: (opts: { atom: Atom, writable?: boolean }) => Session, snapshot: () => Session }

test('a snapshot waiting on an atom flush opens although the atomic session closed meanwhile', async () => {
  const store = new Corestore(tmpStorage('snapshot-atom'))
  const core = store.get({ name: 'view' }) as Session
  await core.ready()
  await core.append(Buffer.from('before'))
  const atom = (store as unknown as { storage: { createAtom: () => Atom } }).storage.createAtom()
  const atomic = core.session({ atom, writable: true })
  await atomic.ready()
  await atomic.append(Buffer.from('in the atom'))

  const flushed = atom.flush()
  expect(atom.flushing).toBe(true)
  const snapshot = core.snapshot() // waits for the flush
  const closed = atomic.close() // the apply state goes, as the base closes (mid-flush: its close may reject)
  await Promise.allSettled([flushed, closed])
  await snapshot.ready()
  expect(snapshot.length).toBeGreaterThanOrEqual(1)
  expect((await snapshot.get(0))?.toString()).toBe('before')
  await snapshot.close()
  await core.close()
  await store.close()
})
