// Worker side of the open figure's floor: what the stack alone takes to reopen the same room in a
// fresh process and read its newest page. The node's Corestore (LinkUp's openStore, the same
// options), the room's Autobase on its namespace with LinkUp's open and apply, update(), then 50
// values read newest first from the view. No network, no account, no reader, trust or drive:
// what LinkUp adds on a restart is the figure over this.
import fs from 'node:fs'
import path from 'node:path'
import Autobase from 'autobase'
import type Hyperbee from 'hyperbee'
import { openStore } from '../../src/storage.js'
import { open, apply } from '../../views/apply.js'
import { ranges } from '../../views/keys.js'

export const openFloorHandlers = {
  async 'floor.openPage' (args: { storage: string, limit: number }): Promise<{ ms: number, count: number }> {
    const start = process.hrtime.bigint()
    const state = JSON.parse(await fs.promises.readFile(path.join(args.storage, 'local-state.json'), 'utf8')) as { rooms: Record<string, { namespace: string }> }
    const [id, room] = Object.entries(state.rooms)[0]
    const store = openStore(path.join(args.storage, 'corestore'))
    const base = new Autobase<Hyperbee>(store.namespace(room.namespace), Buffer.from(id, 'hex'), { open, apply, optimistic: true, ackInterval: 1000, signInterval: 1000, valueEncoding: 'binary' })
    try {
      await base.ready()
      await base.update()
      let count = 0
      for await (const entry of base.view.createReadStream({ ...ranges.messages, reverse: true, limit: args.limit })) {
        if (entry.value !== null) count++
      }
      return { ms: Number(process.hrtime.bigint() - start) / 1e6, count }
    } finally {
      await base.close()
      await store.close()
    }
  }
}
