// Who wrote the block being applied: taken from the writer core, never from the payload.
export interface Author {
  /** Hex of the writer key. */
  key: string
  buffer: Buffer
  /** The block's index in the writer's core. */
  seq: number
  optimistic: boolean
}
