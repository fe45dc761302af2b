// A local testnet and real peers on it, each torn down after the test.
import fs from 'fs'
import os from 'os'
import path from 'path'
import { startTestnet } from '../../src/network/testnet.js'
import { onTestFinished } from 'vitest'
import { Client, type ClientOptions } from '../../src/index.js'

export interface Testnet { bootstrap: string[], destroy: () => Promise<void> }

/** The project's local DHT (src/network/testnet.ts) on 127.0.0.1 for this test. */
export async function createLocalTestnet (): Promise<Testnet> {
  const testnet = await startTestnet({ host: '127.0.0.1' })
  onTestFinished(() => testnet.destroy())
  return testnet
}

export function tmpStorage (name = 'peer'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `linkup-test-${name}-`))
  onTestFinished(() => fs.rmSync(dir, { recursive: true, force: true }))
  return dir
}

/**
 * A client on the testnet, closed after the test (unless the test closed it first). Without an
 * account unless `account: true`: the tests written before accounts (docs/architecture.md §16)
 * compare authors and members with writer keys, which an identity replaces.
 */
export async function createClient (testnet: Testnet, opts: Partial<ClientOptions> & { name?: string } = {}): Promise<Client> {
  const client = new Client({
    storage: opts.storage ?? tmpStorage(opts.name),
    bootstrap: testnet.bootstrap,
    dhtHost: '127.0.0.1',
    joinTimeout: opts.joinTimeout ?? 30_000,
    ...(opts.minFreeBytes === undefined ? {} : { minFreeBytes: opts.minFreeBytes }),
    ...(opts.seeders === undefined ? {} : { seeders: opts.seeders }),
    ...(opts.encryptRooms === undefined ? {} : { encryptRooms: opts.encryptRooms }),
    account: opts.account ?? (process.env.LINKUP_TEST_ACCOUNTS === "1")
  })
  onTestFinished(() => client.close())
  await client.ready()
  if (opts.name !== undefined) await client.setProfile({ name: opts.name })
  return client
}
