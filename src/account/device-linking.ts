// Linking devices for the Client's account (docs/architecture.md §16.3): making a one-time code
// and answering the device that uses it (on this device), and asking with a code to join an
// account (on a new device). blind-pairing's side is in linking.ts.
import os from 'os'
import crypto from 'hypercore-crypto'
import type Corestore from 'corestore'
import type { Network } from '../network/swarm.js'
import type { Room } from '../room.js'
import type { Logger } from '../log.js'
import { describeError, short } from '../log.js'
import { errors } from '../errors.js'
import { writerKeyOf, type KeyPair } from '../trust/proofs.js'
import { signDeviceCert } from '../../views/device-cert.js'
import { isName } from '../../views/schema.js'
import type { AccountBase } from './account-base.js'
import type { AccountFile, AccountStore } from './account-file.js'
import { Linking, decodeCode, linkRequestData, requestLink, type LinkHost, type LinkRequest } from './linking.js'

const DEFAULT_LINK_TIMEOUT_MS = 60_000

/** What linking needs from the ClientAccount that owns it. */
export interface LinkingOwner {
  network: Network
  store: Corestore
  log: Logger
  file: AccountStore
  state: () => AccountFile
  base: () => AccountBase
  /** Who signs the certificates this device gives (the identity where its secret is here). */
  signer: () => KeyPair
  rooms: () => Room[]
  openBase: (state: AccountFile) => Promise<AccountBase>
}

export class DeviceLinking {
  private readonly o: LinkingOwner
  private readonly linking: Linking

  constructor (owner: LinkingOwner) {
    this.o = owner
    this.linking = new Linking(owner.network.swarm)
  }

  private get device (): string { return this.o.network.keyPair.publicKey.toString('hex') }

  /** A one-time code for linking a new device: one use, 10 minutes (or `expiresInMs`, less). */
  async linkDevice (opts: { expiresInMs?: number } = {}): Promise<{ code: string, expires: number }> {
    const account = this.o.base()
    if (account.removed) throw errors.deviceRemoved()
    const ttl = opts?.expiresInMs
    if (ttl !== undefined && !(Number.isSafeInteger(ttl) && ttl > 0)) throw errors.invalid('expiresInMs is a positive whole number of milliseconds')
    const { code, invite } = this.linking.createCode(account.key, Date.now(), ttl)
    const state = this.o.state()
    state.invites = [...state.invites.filter(i => i.expires > Date.now() || i.usedBy !== undefined), invite].slice(-20)
    await this.o.file.save(state)
    this.listenWhileLive()
    this.o.log.info({ expires: invite.expires }, 'made a code to link a device')
    return { code, expires: invite.expires }
  }

  /**
   * Asks with the code and opens the account base it is given, once this device is in it:
   * resolves with what the Client switches to (null: of that account already). Nothing is
   * saved here; on failure the base opened is closed again.
   */
  async joinAccount (code: string, opts: { timeout?: number, name?: string } = {}): Promise<{ state: AccountFile, base: AccountBase } | null> {
    const { invite, discoveryKey } = decodeCode(code, Date.now())
    const name = opts?.name ?? deviceName()
    if (!isName(name)) throw errors.invalid('A device name has 1 to 64 characters, without control characters')
    const removed = this.o.base().removed
    if (!removed && discoveryKey.equals(this.o.base().discoveryKey)) return null // this device is of that account already
    if (this.o.rooms().length > 0) throw errors.notAllowed('This device already has rooms of its own: link a new device (a fresh storage directory)')
    if (!removed && (await this.o.base().devices()).length > 1) throw errors.notAllowed('This device is linked with others already: remove it from that account first')
    const timeout = opts?.timeout ?? DEFAULT_LINK_TIMEOUT_MS
    const deadline = Date.now() + timeout
    const namespace = newNamespace()
    const writer = await localWriterKey(this.o.store.namespace(namespace))
    const userData = linkRequestData(discoveryKey, writer, this.o.network.keyPair, name)
    const paired = await requestLink(this.linking.pairing, invite, userData, timeout)
    if (paired.encryptionKey === null) throw errors.linkRefused()
    const state: AccountFile = {
      identity: { publicKey: '' },
      cert: { by: '', sig: '' },
      account: { key: paired.key.toString('hex'), encryptionKey: paired.encryptionKey.toString('hex'), namespace },
      invites: [],
      toBind: []
    }
    const base = await this.o.openBase(state)
    try {
      Object.assign(state, await linkedIn(base, this.device, deadline))
    } catch (err) {
      await base.close().catch(() => {})
      throw err
    }
    return { state, base }
  }

  /** Stops answering (the account this device answered for is going). */
  async stop (): Promise<void> {
    await this.linking.stop()
  }

  async close (): Promise<void> {
    await this.linking.close()
  }

  private linkHost (): LinkHost {
    return {
      discoveryKey: () => this.o.base().discoveryKey,
      invites: () => this.o.state().invites,
      markUsed: async () => { await this.o.file.save(this.o.state()) },
      mayLink: async (device) => !await this.o.base().banned(device),
      link: (request) => this.linkIn(request),
      answer: () => ({ key: this.o.base().key, encryptionKey: this.o.base().encryptionKey }),
      warn: (err) => this.o.log.warn({ err }, `answering a device link: ${describeError(err)}`)
    }
  }

  // Idempotent: a request delivered twice links the device once.
  private async linkIn (request: LinkRequest): Promise<void> {
    const account = this.o.base()
    if (await account.device(request.device) !== null) return
    const cert = signDeviceCert(this.o.signer(), this.o.state().identity.publicKey, request.device)
    await account.append({ type: 'device-linked', v: 1, device: request.device, writer: request.writer, name: request.name, cert, ts: Date.now() })
    if (await account.device(request.device) === null) throw new Error('the account refused the new device')
    this.o.log.info({ device: short(request.device) }, 'linked a device')
    if (this.liveInvites().length === 0) this.linking.stopSoon()
  }

  // blind-pairing's member polls the DHT while it exists: only while a code of ours is live.
  listenWhileLive (): void {
    const live = this.liveInvites()
    if (live.length === 0) return
    this.linking.listen(this.linkHost(), this.o.base().discoveryKey)
    this.linking.stopSoon(Math.max(...live.map(i => i.expires)) - Date.now() + 1000)
  }

  private liveInvites (): AccountFile['invites'] {
    return this.o.state().invites.filter(i => i.usedBy === undefined && i.expires > Date.now())
  }
}

// Linked once the device's own record and a certificate for it are in its copy of the base.
async function linkedIn (base: AccountBase, device: string, deadline: number): Promise<Pick<AccountFile, 'identity' | 'cert'>> {
  return await new Promise((resolve, reject) => {
    const check = async (): Promise<void> => {
      const account = await base.account()
      const certs = await base.certs(device)
      if (account === null || certs.length === 0 || !base.writable) return
      done()
      resolve({ identity: { publicKey: account.identity }, cert: (certs.find(c => c.by === account.identity) ?? certs[0]) as AccountFile['cert'] })
    }
    const onupdate = (): void => { check().catch(() => {}) }
    const timer = setTimeout(() => {
      done()
      reject(errors.linkTimeout())
    }, Math.max(0, deadline - Date.now()))
    const done = (): void => {
      clearTimeout(timer)
      base.off('update', onupdate)
    }
    base.on('update', onupdate)
    onupdate()
  })
}

export function newNamespace (): string {
  return 'account-' + crypto.randomBytes(16).toString('hex')
}

/** This device's name in the account's list when none is given: the host name. */
export function deviceName (): string {
  const name = os.hostname().trim().slice(0, 64)
  return isName(name) ? name : 'A device'
}

// The writer key this device will have in a base on that namespace: Autobase's local core is
// the store's core named 'local', whose key hashes its one signer (src/trust/proofs.ts).
async function localWriterKey (store: Corestore): Promise<Buffer> {
  return writerKeyOf((await store.createKeyPair('local')).publicKey)
}
