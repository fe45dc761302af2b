// Figures whose product part is not on main yet: the floor is still measured, so the row shows
// what the product will be compared with.
import type { Figure } from '../lib/context.js'
import { notMeasured } from '../lib/table.js'
import { FILE_BLOCK_BYTES } from '../lib/params.js'
import { corePeers } from '../floors/shared.js'
import { replicate } from '../floors/replication.js'

export const file: Figure = async (ctx) => {
  const mb = ctx.params.fileMB
  await corePeers(ctx)
  const floor = await replicate(ctx.a, ctx.b, 'file-floor', Math.ceil((mb * 1024 * 1024) / FILE_BLOCK_BYTES), FILE_BLOCK_BYTES, ctx.params.figureMs)
  ctx.detail.fileFloor = floor
  return [notMeasured(`file transfer, ${mb} MB`, '≥ 0.8× floor', 'not measured: sendFile/readFile are not on main yet', { name: `raw replication of ${mb} MB`, value: floor.mbPerSecond, unit: 'MB/s' })]
}
