// The v3 events of seeding (issue 15): which seeders keep the room. Deterministic and pure,
// like views/schema.ts, which routes a v3 block here when views/schema-trust.ts does not know it.
//
// - seeder-added { key }: a member asks every member's node to keep the room on the seeder
//   whose key this is (a blind peer's public key: src/seed/). Seeders never hold the room's
//   encryption key; listing one gives it ciphertext only (docs/architecture.md §14).
// - seeder-removed { key }: the member who added it, the owner or an admin takes it off.
import { isKey, type Fields } from './checks.js'

export type SeedingEvent =
  | { type: 'seeder-added', v: 3, key: string }
  | { type: 'seeder-removed', v: 3, key: string }

export function decodeSeeding (f: Fields): SeedingEvent | null {
  switch (f.type) {
    case 'seeder-added':
    case 'seeder-removed':
      return isKey(f.key) ? { type: f.type, v: 3, key: f.key } : null
    default:
      return null
  }
}
