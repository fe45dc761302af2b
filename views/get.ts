// One typed read of the view. Reads only; the view is whatever the caller passes (the live
// view, a snapshot, or an apply batch).
import type Hyperbee from 'hyperbee'

export async function getValue<T> (view: Pick<Hyperbee, 'get'>, key: string): Promise<T | null> {
  const entry = await view.get(key)
  return entry === null ? null : entry.value as T
}
