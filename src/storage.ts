// The Corestore's storage: hypercore-storage on RocksDB, opened with LinkUp's own bounds
// (docs/architecture.md §11.5). Only this module and client.ts touch it directly.
import CoreStorage from 'hypercore-storage'
import Corestore from 'corestore'
import Rache from 'rache'

/**
 * Bytes of recent writes RocksDB keeps in memory per memtable before writing them out (two
 * memtables at most, one being written out). hypercore-storage's default is 64 MiB: every core
 * write (blocks, tree nodes, 4 KiB bitfield pages, view nodes) stays in the memtable until it
 * is full, ~19 KB per message per peer in the soak, so resident memory rose by that much for
 * minutes (up to 128 MiB a node). The same figure is what RocksDB needs free to resume after
 * the disk was full (disk-space.ts).
 */
export const WRITE_BUFFER_BYTES = 16 * 2 ** 20

/** Entries in the one node cache shared by every core and view of a client. */
const CACHE_ENTRIES = 8192

/**
 * The client's Corestore on `dir`. One bounded cache for every core and view: without it each
 * room's view (a Hyperbee) keeps its own node cache of up to 65,536 entries, so memory grew
 * with history (the soak, 20 rooms x 5 peers, gained ~1 MiB of heap per 1,000 messages).
 */
export function openStore (dir: string): Corestore {
  const storage = new CoreStorage(dir, { writeBufferSize: WRITE_BUFFER_BYTES })
  return new Corestore(storage, { globalCache: new Rache({ maxSize: CACHE_ENTRIES }) })
}

/**
 * Writes out what RocksDB keeps in memory (up to WRITE_BUFFER_BYTES per memtable, logged in its
 * WAL), which it does not at close: the next start replays the log. After 100,000 messages that
 * was a 47 MB log and 400-500 ms of Client.ready(); flushed at close (~120 ms then), the first
 * page of the room came 112 ms after new Client(). A crash still replays it, as before.
 */
export async function flushStore (store: Corestore | null): Promise<void> {
  if (store === null || store.closed) return
  await store.storage.db.flush().catch(() => {}) // only a faster next start is at stake
}
