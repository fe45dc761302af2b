// A copy of each room's entry in the room list, kept in the storage itself: in the user data
// of the room's local writer core, which stays on this device (user data is never replicated).
// When local-state.json and its previous version are both lost, the room list is rebuilt from
// these records (docs/architecture.md §8). A room left on this device keeps a record that says
// so, so a rebuild does not bring it back.
import b4a from 'b4a'
import type Corestore from 'corestore'
import type Hypercore from 'hypercore'
import type { LocalRoom } from './local-state.js'

const RECORD = 'linkup/room'

export interface StoredRoom { id: string, room: LocalRoom }

/** Writes the room's entry (or that it was left) to its local core's user data. */
export async function writeRoomRecord (local: Hypercore, room: LocalRoom | { left: true }): Promise<void> {
  await local.setUserData(RECORD, Buffer.from(JSON.stringify(room)))
}

/** Writes the record unless it already says the same (a room opened by a build before records gets one). */
export async function ensureRoomRecord (local: Hypercore, room: LocalRoom): Promise<void> {
  const current = await readRoomRecord(local)
  if (current !== null && !('left' in current) && current.namespace === room.namespace && current.alias === room.alias && current.named === room.named) return
  await writeRoomRecord(local, room)
}

export async function readRoomRecord (local: Hypercore): Promise<LocalRoom | { left: true } | null> {
  const raw = await local.getUserData(RECORD)
  if (raw === null) return null
  try {
    const record = JSON.parse(b4a.toString(raw)) as Record<string, unknown>
    if (record.left === true) return { left: true }
    if (typeof record.namespace !== 'string' || typeof record.alias !== 'string') return null
    return typeof record.named === 'boolean'
      ? { namespace: record.namespace, alias: record.alias, named: record.named }
      : { namespace: record.namespace, alias: record.alias }
  } catch {
    return null
  }
}

/**
 * Every room in the store whose local core holds a record and was not left. Autobase names
 * each room's local writer core 'local' in the room's namespace; the record names that
 * namespace, checked against the one the core is really in. A room's id is its base key: the
 * key the local core points at ('referrer', a joined room) or the local core's own (a room
 * this device created). Rooms without a record (opened only by a build before records) are
 * counted in `unnamed`.
 */
export async function findStoredRooms (store: Corestore): Promise<{ rooms: StoredRoom[], unnamed: number }> {
  const rooms: StoredRoom[] = []
  let unnamed = 0
  for await (const { alias, discoveryKey } of store.storage.createAliasStream()) {
    if (alias.name !== 'local') continue
    const auth = await store.getAuth(discoveryKey)
    if (auth === null) continue
    const core = store.get({ key: auth.key, active: false })
    try {
      await core.ready()
      const record = await readRoomRecord(core)
      if (record === null) unnamed++
      if (record === null || 'left' in record || !(await inNamespace(store, record.namespace, alias.namespace))) continue
      const referrer = await core.getUserData('referrer')
      rooms.push({ id: b4a.toString(referrer ?? core.key, 'hex'), room: record })
    } finally {
      await core.close()
    }
  }
  return { rooms, unnamed }
}

async function inNamespace (store: Corestore, name: string, ns: Buffer): Promise<boolean> {
  const session = store.namespace(name)
  try {
    return b4a.equals(session.ns, ns)
  } finally {
    await session.close()
  }
}
