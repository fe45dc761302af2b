// Where a process's memory is, beyond the JS heap: the kernel's view of it (/proc/self/smaps_rollup,
// Linux only), Node's external and ArrayBuffer memory, and what each RocksDB instance reports
// holding in its memtables and its block cache (rocksdb-native's getProperty).

export interface RocksMemory {
  /** Bytes in the active and immutable memtables (written data not yet flushed to an SST). */
  memtables: number
  /** Bytes cached from SST blocks (the block cache of the column family). */
  blockCache: number
}

/** Something with a RocksDB session: a Corestore's storage (hypercore-storage) has one as `db`. */
export interface RocksSession { getProperty: (name: string) => Promise<unknown> }

export async function rocksMemory (db: RocksSession): Promise<RocksMemory> {
  const num = async (name: string): Promise<number> => Number(await db.getProperty(name).catch(() => 0)) || 0
  return { memtables: await num('rocksdb.cur-size-all-mem-tables'), blockCache: await num('rocksdb.block-cache-usage') }
}

/** Fields of /proc/self/smaps_rollup in bytes (Rss, Anonymous, Private_Dirty…); empty off Linux. */
export async function smapsRollup (): Promise<Record<string, number>> {
  const fs = await import('node:fs/promises')
  const text = await fs.readFile('/proc/self/smaps_rollup', 'utf8').catch(() => '')
  const out: Record<string, number> = {}
  for (const line of text.split('\n')) {
    const m = /^(\w+):\s+(\d+) kB/.exec(line)
    if (m !== null) out[m[1] as string] = Number(m[2]) * 1024
  }
  return out
}
