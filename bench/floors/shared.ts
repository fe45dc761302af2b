// The raw replication peers (A → B over their own swarm), opened once per run on first use.
import type { Context } from '../lib/context.js'
import { tmpDir } from '../lib/tmp.js'
import { openCorePeers } from './replication.js'

const opened = new WeakMap<Context, Promise<void>>()

export function corePeers (ctx: Context): Promise<void> {
  let p = opened.get(ctx)
  if (p === undefined) {
    p = openCorePeers(ctx.a, ctx.b, ctx.net, { a: tmpDir('core-A'), b: tmpDir('core-B') })
    opened.set(ctx, p)
  }
  return p
}
