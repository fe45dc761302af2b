// Parent side of the raw replication floors: A writes a core, B downloads it over the swarm.
import type { Worker } from '../lib/worker.js'
import type { NetOptions } from '../lib/swarm.js'
import { randomBytes } from 'node:crypto'

export interface ReplicationResult { blocks: number, bytes: number, ms: number, blocksPerSecond: number, mbPerSecond: number, cpuMs: number }

export async function openCorePeers (a: Worker, b: Worker, net: NetOptions, storage: { a: string, b: string }): Promise<void> {
  const topic = randomBytes(32).toString('hex')
  await Promise.all([
    a.call('core.open', { storage: storage.a, net }),
    b.call('core.open', { storage: storage.b, net })
  ])
  await a.call('core.announce', { topic })
  await b.call('core.lookup', { topic })
}

/** Replicates `blocks` blocks of `size` bytes from A to B; `ms` bounds the wait for a peer and the download. */
export async function replicate (a: Worker, b: Worker, name: string, blocks: number, size: number, ms: number): Promise<ReplicationResult> {
  const { key, byteLength } = await a.call<{ key: string, byteLength: number }>('core.fill', { name, blocks, size }, ms)
  const r = await b.call<{ ms: number, byteLength: number, cpuMs: number }>('core.download', { key, blocks, ms }, 2 * ms + 5000)
  return {
    blocks,
    bytes: byteLength,
    ms: r.ms,
    blocksPerSecond: (blocks * 1000) / r.ms,
    mbPerSecond: byteLength / (1024 * 1024) / (r.ms / 1000),
    cpuMs: r.cpuMs
  }
}
