// A local DHT for machines without internet: `linkup testnet`, `linkup demo`, tests and bench.
//
// Five nodes, not three. Before holepunching, each peer works out its NAT type by asking DHT
// nodes how they see it, and needs at least three answers. On a three-node testnet a peer knows
// only two other nodes, so its analysis never completes and the server side aborts every
// holepunch. Peers on one address survive that through hyperdht's LAN shortcut (with our patch);
// peers on different addresses (machines on a LAN, or 127.0.0.1 and 127.0.0.2) never connect:
// the client even takes the server's echo of its first probe as a connection, which then stays
// silent (test/network/testnet.test.ts).
import createTestnet from 'hyperdht/testnet.js'

export const TESTNET_NODES = 5

export interface LocalTestnet {
  /** 'host:port' of the first node, as the --bootstrap option takes it. */
  bootstrap: string[]
  destroy (): Promise<void>
}

/** Starts the DHT nodes on `host`; the first binds `port` (0 or omitted: any free port). */
export async function startTestnet (opts: { host: string, port?: number }): Promise<LocalTestnet> {
  const testnet = await createTestnet(TESTNET_NODES, opts.port === undefined || opts.port === 0 ? { host: opts.host } : { host: opts.host, port: opts.port })
  return {
    bootstrap: testnet.bootstrap.map(b => `${b.host}:${b.port}`),
    destroy: () => testnet.destroy()
  }
}
