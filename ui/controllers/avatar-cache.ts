// Avatars as data: URLs, fetched once per (room, user) and dropped when a profile changes.
// Fetched through the API (the session), so an <img> never needs a credential of its own.
import type { Api } from '../api.js'

export class AvatarCache extends EventTarget {
  private readonly entries = new Map<string, Promise<string | null>>()

  constructor (private readonly api: Api) { super() }

  get (room: string, key: string): Promise<string | null> {
    const id = room + '/' + key
    let entry = this.entries.get(id)
    if (entry === undefined) {
      entry = this.api.avatar(room, key)
        .then(a => a === null ? null : `data:${a.mime};base64,${a.data}`)
        .catch(() => null)
      this.entries.set(id, entry)
    }
    return entry
  }

  invalidateAll (): void {
    const rooms = new Set([...this.entries.keys()].map(id => id.split('/')[0] ?? ''))
    for (const room of rooms) this.invalidate(room)
  }

  invalidate (room: string): void {
    for (const id of this.entries.keys()) if (id.startsWith(room + '/')) this.entries.delete(id)
    this.dispatchEvent(new CustomEvent('invalidate', { detail: room }))
  }
}
