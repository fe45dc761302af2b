// What the Client does when its disk fills and empties (docs/architecture.md §11.5): below the
// reserve, no writes of our own (DISK_FULL) and no syncing, since every block a peer sends is a
// write too; the seeding and the network are suspended until the disk has room again.
import type { DiskSpace } from './disk-space.js'
import type { Network } from './network/swarm.js'
import type { Seeding } from './seed/seeding.js'
import { errors } from './errors.js'
import { describeError, type Logger } from './log.js'

export interface DiskWatchers {
  storage: string
  log: Logger
  seeding: () => Seeding | null
  network: () => Network | null
}

export function watchDisk (disk: DiskSpace, w: DiskWatchers): void {
  disk.on('full', (free: number) => {
    w.log.warn({ free }, `${errors.diskFull(w.storage, free, disk.reserve).message} (syncing paused)`)
    w.seeding()?.suspend().catch(() => {})
    w.network()?.suspend().catch((err: unknown) => w.log.warn({ err }, `pausing the network: ${describeError(err)}`))
  })
  disk.on('space', (free: number) => {
    w.log.info({ free }, 'the disk has room again: syncing resumed')
    w.seeding()?.resume().catch(() => {})
    w.network()?.resume().catch((err: unknown) => w.log.warn({ err }, `resuming the network: ${describeError(err)}`))
  })
  disk.start()
}
