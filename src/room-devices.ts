// One person's several devices in one room (docs/architecture.md §16.2, §16.4): binding this
// device's writer to the identity the Client acts for, and removing a device. Writes go through
// the room's writer; views/devices.ts decides, from the writer key and the signatures.
import crypto from 'hypercore-crypto'
import type Autobase from 'autobase'
import type Hyperbee from 'hyperbee'
import { readMember } from '../views/members-reads.js'
import { identityOfWriter, readDevice, readWriter } from '../views/devices-reads.js'
import { isDeviceBanned, readBan } from '../views/trust-reads.js'
import { isHex32 } from '../views/limits.js'
import { getValue } from '../views/get.js'
import { keys } from '../views/keys.js'
import type { DeviceCert } from '../views/device-cert.js'
import { errors, LinkUpError } from './errors.js'
import type { RoomWriter } from './room-writer.js'
import type { RoomAccess } from './trust/room-access.js'
import type { DeviceBinding } from './network/peer-channel.js'
import { signNotice, type KeyPair } from './trust/proofs.js'

/** The identity a device acts for, and the certificate that it is that identity's (§16.1). */
export interface DeviceIdentity { key: string, cert: DeviceCert }

export interface DevicesHooks {
  /** The identity the Client acts for now (client.setIdentity), or null. */
  identity: () => DeviceIdentity | null
  /** This device's network key pair: the device key D. */
  device: () => KeyPair
  access: RoomAccess
  /** Our proof changed (it carries the binding now): send it again. */
  reprove: () => void
  roomKey: () => string
  /** Reads this device's standing again (RoomTrust: its identity, role, removal). */
  refresh: () => Promise<void>
  /** How many peers count in the room (both sides admitted each other). */
  peers: () => number
}

const POLL_MS = 250
/**
 * How long a new device refused by every peer it met waits before it believes them: the
 * binding that lets a peer admit it (the identity's join, the certifying device's binding)
 * may still be on its way to that peer, as an invite may be (docs/architecture.md §2.6).
 */
const REFUSED_GRACE_MS = 10_000
/** How long bindDevice and removeDevice wait for their block to be applied here. */
const APPLIED_WAIT_MS = 60_000

export class RoomDevices {
  private readonly base: Autobase<Hyperbee>
  private readonly writer: RoomWriter
  private readonly hooks: DevicesHooks

  constructor (base: Autobase<Hyperbee>, writer: RoomWriter, hooks: DevicesHooks) {
    this.base = base
    this.writer = writer
    this.hooks = hooks
  }

  private get view (): Hyperbee { return this.base.view }
  private get writerKey (): string { return this.base.local.key.toString('hex') }

  /**
   * Appends device-bound for this device's writer: as a member moving to the identity (it is a
   * writer here), or as a new device of a member (optimistic, shown with our proof so peers
   * let us read first). Resolves once this device's view has the binding and it can write;
   * with `confirmed`, also once a peer counts us in the room: a device's own stale copy may
   * still hold a binding every peer knows was removed (it never gets the removal block).
   */
  async bind (opts: { timeout?: number, confirmed?: boolean } = {}): Promise<void> {
    const identity = this.hooks.identity()
    if (identity === null) throw errors.noIdentity()
    const current = await readWriter(this.view, this.writerKey)
    let appended = -1
    if (current !== null) {
      if (current.removed === true) throw errors.banned()
      if (current.identity !== identity.key) throw errors.deviceRefused('this device writes here for another identity')
    } else {
      const binding = this.binding(identity)
      const event = { type: 'device-bound' as const, v: 4 as const, ...binding, ts: Date.now() }
      if (this.base.writable) {
        appended = await this.writer.append(event)
      } else {
        this.hooks.access.binding = binding
        this.hooks.reprove()
        await this.writer.appendOptimistic(event)
      }
    }
    const started = Date.now()
    await this.until(async () => {
      if (!await this.isBound(identity.key, Date.now() - started)) {
        // A writer's block that was applied and left no binding was refused by this very view:
        // say so now rather than wait out the timeout (the certificate's signer is neither the
        // identity nor one of its devices bound here, or the identity is another member's).
        if (appended >= 0 && ((await getValue<number>(this.view, keys.clock(this.writerKey))) ?? -1) >= appended) {
          throw errors.deviceRefused(identity.cert.by === identity.key
            ? 'this writer is another member here, or the certificate does not verify'
            : 'the certificate is by a device that is not one of this identity\'s here: certify this device by the identity')
        }
        return false
      }
      return opts.confirmed !== true || this.hooks.peers() > 0
    }, opts.timeout ?? APPLIED_WAIT_MS)
    this.hooks.access.binding = null
    await this.hooks.refresh() // room.identityKey and role say the identity from now on
  }

  /**
   * Removes device `device` (its network key): one of the same identity's, or, as the owner or
   * an admin, a member's. Its notice is this writer's signature over the device's writer, so
   * peers refuse and tell it as they do a removed member (§6.7). Resolves once applied here.
   */
  async remove (device: string): Promise<void> {
    if (!isHex32(device)) throw errors.invalid('A device is named by its key: 64 hex characters')
    const record = await readDevice(this.view, device)
    if (record === null) throw errors.notFound('That device')
    const me = await identityOfWriter(this.view, this.writerKey)
    if (record.identity !== me) {
      const role = (await readMember(this.view, me))?.role
      const theirs = (await readMember(this.view, record.identity))?.role
      if (role !== 'owner' && !(role === 'admin' && theirs === 'member')) {
        throw new LinkUpError('NOT_ALLOWED', 'Only another device of the same person, the owner or an admin can remove a device')
      }
    }
    const keyPair = this.base.local.keyPair
    if (keyPair === null) throw errors.notWritable()
    const sig = signNotice(Buffer.from(this.hooks.roomKey(), 'hex'), Buffer.from(record.writer, 'hex'), keyPair)
    await this.writer.append({
      type: 'device-removed', v: 4, identity: record.identity, device, writer: record.writer,
      publicKey: keyPair.publicKey.toString('hex'), sig: sig.toString('hex')
    })
    await this.until(async () => await readDevice(this.view, device) === null, APPLIED_WAIT_MS)
    await this.hooks.refresh()
  }

  /** The fields that prove this writer is device D of the identity: D signs the writer key. */
  private binding (identity: DeviceIdentity): DeviceBinding {
    const device = this.hooks.device()
    return {
      identity: identity.key,
      device: device.publicKey.toString('hex'),
      cert: identity.cert,
      deviceSig: crypto.sign(this.base.local.key, device.secretKey).toString('hex')
    }
  }

  private async isBound (identity: string, waited: number): Promise<boolean> {
    const refusal = this.hooks.access.refusal()
    if (refusal === 'removed') throw errors.banned()
    if (refusal !== null && this.hooks.peers() === 0 && waited >= REFUSED_GRACE_MS && !this.base.writable) {
      throw errors.deviceRefused('no member here takes the identity and its certificate (is the identity a member of this room, and the certificate for this device?)')
    }
    const record = await readWriter(this.view, this.writerKey)
    if (record !== null && (record.removed === true || record.identity !== identity)) throw errors.deviceRefused('this device writes here for another identity, or was removed')
    if (await readBan(this.view, this.writerKey) !== null) throw errors.banned()
    if (await isDeviceBanned(this.view, this.hooks.device().publicKey.toString('hex'))) throw errors.banned()
    return record !== null && this.base.writable
  }

  /** Resolves when `done` says so (checked at every update and every POLL_MS), else DEVICE_TIMEOUT. */
  private until (done: () => Promise<boolean>, timeout: number): Promise<void> {
    const started = Date.now()
    return new Promise((resolve, reject) => {
      let finished = false
      const finish = (err: unknown): void => {
        if (finished) return
        finished = true
        clearInterval(poll)
        this.base.off('update', check)
        if (err === null) resolve()
        else reject(err)
      }
      const check = (): void => {
        done().then((yes) => {
          if (yes) finish(null)
          else if (Date.now() - started >= timeout) finish(errors.deviceTimeout())
        }, finish)
      }
      const poll = setInterval(check, POLL_MS)
      this.base.on('update', check)
      check()
    })
  }
}
