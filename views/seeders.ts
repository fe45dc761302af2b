// Projection: the room's seeders. Deterministic and pure: only the event, its writer key and
// the view decide.
import type { ApplyContext } from './context.js'
import type { Author } from './author.js'
import { keys, ranges } from './keys.js'
import { LIMITS } from './limits.js'
import type { SeedingEvent } from './schema-seeders.js'
import type { SeederRecord } from './records.js'

type SeederAdded = Extract<SeedingEvent, { type: 'seeder-added' }>
type SeederRemoved = Extract<SeedingEvent, { type: 'seeder-removed' }>

/** Any member may add a seeder, up to LIMITS.seeders; one already listed is not added again. */
export async function seederAdded (ev: SeederAdded, ctx: ApplyContext, from: Author): Promise<boolean> {
  if (!(await ctx.isMember(from.identity))) return false
  if (await ctx.get<SeederRecord>(keys.seeder(ev.key)) !== null) return false
  let listed = 0
  for await (const _ of ctx.batch.createReadStream({ ...ranges.seeders, limit: LIMITS.seeders })) listed++
  if (listed >= LIMITS.seeders) return false
  await ctx.put(keys.seeder(ev.key), { by: from.identity } satisfies SeederRecord)
  return true
}

/** Whoever added the seeder, the owner or an admin may take it off. */
export async function seederRemoved (ev: SeederRemoved, ctx: ApplyContext, from: Author): Promise<boolean> {
  const record = await ctx.get<SeederRecord>(keys.seeder(ev.key))
  if (record === null) return false
  const mayRemove = (record.by === from.identity && await ctx.isMember(from.identity)) || await ctx.isAdmin(from.identity)
  if (!mayRemove) return false
  await ctx.del(keys.seeder(ev.key))
  return true
}
