// Peers for the churn test, behind one small interface: in this process (a Client) or in a
// child process (PeerProcess, used by the long variant). Either can be stopped and started
// again from its storage on any testnet, which is how the test makes partitions.
import { Client, type Room } from '../../src/index.js'
import { tmpStorage } from '../helpers/peers.js'
import { dumpView } from '../helpers/views.js'
import { PeerProcess, type Ack } from '../helpers/peer-process.js'
import { onTestFinished } from 'vitest'

export interface ChurnPeer {
  readonly name: string
  running: boolean
  start (bootstrap: string[]): Promise<void>
  stop (): Promise<void>
  create (alias: string): Promise<string>
  invite (): Promise<string>
  join (invite: string): Promise<void>
  /** Sends n messages; resolves to their ids once every send() resolved. */
  send (n: number, prefix: string): Promise<string[]>
  dump (): Promise<string[]>
}

export class LocalPeer implements ChurnPeer {
  running = false
  private client: Client | null = null
  private roomId = ''
  private readonly storage: string
  constructor (readonly name: string) { this.storage = tmpStorage(name) }

  private get room (): Room {
    const room = this.client?.room(this.roomId)
    if (room === undefined) throw new Error(`${this.name} has no room open`)
    return room
  }

  async start (bootstrap: string[]): Promise<void> {
    const client = new Client({ storage: this.storage, bootstrap, dhtHost: '127.0.0.1', joinTimeout: 60_000 })
    onTestFinished(() => client.close())
    await client.ready()
    if (client.profile === null) await client.setProfile({ name: this.name })
    this.client = client
    this.running = true
  }

  async stop (): Promise<void> {
    this.running = false
    await this.client?.close()
    this.client = null
  }

  async create (alias: string): Promise<string> {
    this.roomId = (await (this.client as Client).createRoom(alias)).id
    return this.roomId
  }

  invite (): Promise<string> { return this.room.createInvite() }
  async join (invite: string): Promise<void> { this.roomId = (await (this.client as Client).joinRoom(invite)).id }

  async send (n: number, prefix: string): Promise<string[]> {
    const room = this.room
    return Promise.all(Array.from({ length: n }, async (_, i) => (await room.send(`${prefix} ${i}`)).id))
  }

  dump (): Promise<string[]> { return dumpView(this.room) }
}

export class ProcessPeer implements ChurnPeer {
  running = false
  private peer: PeerProcess | null = null
  private roomId = ''
  private readonly storage: string
  constructor (readonly name: string) { this.storage = tmpStorage(name) }

  private get proc (): PeerProcess {
    if (this.peer === null) throw new Error(`${this.name} is not running`)
    return this.peer
  }

  async start (bootstrap: string[]): Promise<void> {
    const { peer } = await PeerProcess.start(this.storage, bootstrap)
    this.peer = peer
    await peer.request('profile', { name: this.name })
    this.running = true
  }

  async stop (): Promise<void> {
    this.running = false
    await this.peer?.request('close').catch(() => {})
    await this.peer?.exited
    this.peer = null
  }

  async create (alias: string): Promise<string> {
    this.roomId = (await this.proc.request<{ room: string }>('create', { alias })).room
    return this.roomId
  }

  invite (): Promise<string> { return this.proc.request<string>('invite', { room: this.roomId }) }
  async join (invite: string): Promise<void> { this.roomId = (await this.proc.request<{ room: string }>('join', { invite })).room }

  async send (n: number, prefix: string): Promise<string[]> {
    const ids: string[] = []
    const onack = (a: Ack): void => { if (a.text.startsWith(prefix + ' ')) ids.push(a.message) }
    this.proc.on('ack', onack)
    try {
      await this.proc.request('sendLoop', { room: this.roomId, prefix, count: n, parallel: 3 })
    } finally {
      this.proc.off('ack', onack)
    }
    return ids
  }

  async dump (): Promise<string[]> {
    return (await this.proc.request<{ entries: string[] }>('dump', { room: this.roomId })).entries
  }
}
