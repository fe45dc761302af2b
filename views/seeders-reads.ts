// The read side of the room's seeders (views/seeders.ts). Reads only.
import type Hyperbee from 'hyperbee'
import { ranges } from './keys.js'
import { LIMITS } from './limits.js'
import type { SeederRecord } from './records.js'

export interface Seeder { key: string, by: string }

/** The seeders listed in the view, in key order. */
export async function readSeeders (view: Pick<Hyperbee, 'createReadStream'>): Promise<Seeder[]> {
  const out: Seeder[] = []
  for await (const { key, value } of view.createReadStream({ ...ranges.seeders, limit: LIMITS.seeders })) {
    out.push({ key: key.slice('seeder/'.length), by: (value as SeederRecord).by })
  }
  return out
}
