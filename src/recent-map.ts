/**
 * A map that keeps only its `max` latest entries. The reader holds what it emitted for the
 * caller that waits on it; nobody waits for entries appended and then forgotten (a failed
 * send), so the oldest go.
 */
export class RecentMap<K, V> {
  private readonly map = new Map<K, V>()
  constructor (private readonly max: number) {}

  set (key: K, value: V): void {
    this.map.set(key, value)
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value as K)
  }

  /** The entry, removed; undefined when it is not held. */
  take (key: K): V | undefined {
    const value = this.map.get(key)
    if (value !== undefined) this.map.delete(key)
    return value
  }
}
