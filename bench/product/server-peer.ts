// Worker side of the whole-product figure: the local HTTP server (the same one `linkup serve`
// runs) in front of this worker's already open Client.
import { startNode, type LocalNode } from '../../src/server/node.js'
import type { Client } from '../../src/index.js'

let node: LocalNode | null = null

export function serverHandlers (client: () => Client): Record<string, (args: never) => Promise<unknown>> {
  return {
    async 'server.start' (args: { storage: string }): Promise<{ port: number, token: string }> {
      node = await startNode({ storage: args.storage, client: client() })
      return { port: node.port, token: node.token }
    },

    /** Closes the HTTP server only; the client stays open for the next figures. */
    async 'server.stop' (): Promise<null> {
      await node?.app.close()
      node = null
      return null
    }
  }
}

export async function closeServer (): Promise<void> {
  await node?.app.close()
  node = null
}
