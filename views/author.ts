// Who wrote the block being applied: taken from the writer core, never from the payload.
export interface Author {
  /** Hex of the writer key. */
  key: string
  buffer: Buffer
  /** The block's index in the writer's core. */
  seq: number
  optimistic: boolean
  /**
   * The person this writer acts for, for every rule of who may (docs/architecture.md §16.2):
   * the identity its current `writer/` binding names, or the writer key itself (every writer
   * before v4, and a writer whose device was removed, which is then no member of anything).
   */
  identity: string
}
