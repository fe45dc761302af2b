// The account base's projection (docs/architecture.md §16.3): which devices are this person's,
// which rooms the account is in, and its profile.
//
// Deterministic: apply reads only the nodes, their writer keys and the view; no clock, no
// randomness, no I/O. It never throws on peer data: a block that does not decode, or that its
// writer may not write, is skipped and counted (meta/skipped). Authority comes from the writer
// key (writer/<W> → a current device), never from a payload field; a certificate in a payload
// is only a claim its signature must prove.
import Hyperbee from 'hyperbee'
import type Autobase from 'autobase'
import type Corestore from 'corestore'
import { verifyDeviceCert } from '../../views/device-cert.js'
import { decodeAccountEvent, type AccountEvent, type Cert } from './account-schema.js'
import { accountKeys as keys, type AccountRecord, type DeviceRecord, type RoomEntry, type WriterRecord } from './account-keys.js'

export function openAccountView (store: Corestore): Hyperbee {
  return new Hyperbee(store.get({ name: 'view' }), { keyEncoding: 'utf-8', valueEncoding: 'json', extension: false })
}

type Batch = Hyperbee.Batch

async function get<T> (batch: Batch, key: string): Promise<T | null> {
  const entry = await batch.get(key)
  return entry === null ? null : entry.value as T
}

export async function applyAccount (nodes: Autobase.Node[], view: Hyperbee, host: Autobase.Host): Promise<void> {
  const batch = view.batch()
  let skipped = 0
  for (const node of nodes) {
    if (node.value === null) continue
    const ev = decodeAccountEvent(node.value)
    const ok = ev !== null && await route(ev, batch, host, node.from.key.toString('hex'))
    if (!ok) skipped++
  }
  if (skipped > 0) await batch.put(keys.skipped, ((await get<number>(batch, keys.skipped)) ?? 0) + skipped)
  await batch.flush()
}

async function route (ev: AccountEvent, batch: Batch, host: Autobase.Host, from: string): Promise<boolean> {
  if (ev.type === 'account-created') return await accountCreated(ev, batch, from)
  const device = (await get<WriterRecord>(batch, keys.writer(from)))?.device ?? null
  if (device === null) return false // not (or no longer) a device of this account
  switch (ev.type) {
    case 'device-linked': return await deviceLinked(ev, batch, host)
    case 'device-removed': return await deviceRemoved(ev, batch, host, device)
    case 'cert-added': return await certAdded(ev, batch)
    case 'room-added': return await roomAdded(ev, batch)
    case 'room-left': return await roomLeft(ev, batch)
    case 'profile-set': {
      await batch.put(keys.profile, ev.avatar === undefined ? { name: ev.name } : { name: ev.name, avatar: ev.avatar })
      return true
    }
    default: {
      const never: never = ev
      return never
    }
  }
}

// The first block, once: its writer is the base's first writer (Autobase admits no other
// before a device-linked adds one), certified by the identity itself.
async function accountCreated (ev: Extract<AccountEvent, { type: 'account-created' }>, batch: Batch, from: string): Promise<boolean> {
  if (await get(batch, keys.account) !== null) return false
  if (ev.cert.by !== ev.identity || !verifyDeviceCert(ev.cert, ev.identity, ev.device)) return false
  await batch.put(keys.account, { identity: ev.identity, devices: 1 } satisfies AccountRecord)
  await putDevice(batch, ev.device, { name: ev.name, writer: from, linked: ev.ts }, ev.cert)
  return true
}

async function deviceLinked (ev: Extract<AccountEvent, { type: 'device-linked' }>, batch: Batch, host: Autobase.Host): Promise<boolean> {
  const account = await get<AccountRecord>(batch, keys.account)
  if (account === null || await get(batch, keys.ban(ev.device)) !== null) return false
  if (await get(batch, keys.device(ev.device)) !== null || await get(batch, keys.writer(ev.writer)) !== null) return false
  if (!await certHolds(batch, account.identity, ev.device, ev.cert)) return false
  await host.addWriter(Buffer.from(ev.writer, 'hex'), { indexer: true })
  await batch.put(keys.account, { ...account, devices: account.devices + 1 } satisfies AccountRecord)
  await putDevice(batch, ev.device, { name: ev.name, writer: ev.writer, linked: ev.ts }, ev.cert)
  return true
}

// Any device may remove another, or itself; never the last one (an Autobase keeps at least
// one indexer: docs/autobase.md §2). Its certificates go; those it issued stop counting since
// certHolds reads `by` as a current device.
async function deviceRemoved (ev: Extract<AccountEvent, { type: 'device-removed' }>, batch: Batch, host: Autobase.Host, by: string): Promise<boolean> {
  const account = await get<AccountRecord>(batch, keys.account)
  const target = await get<DeviceRecord>(batch, keys.device(ev.device))
  if (account === null || target === null || account.devices <= 1) return false
  const writer = Buffer.from(target.writer, 'hex')
  if (!host.removeable(writer)) return false
  await host.removeWriter(writer)
  await batch.del(keys.device(ev.device))
  await batch.del(keys.writer(target.writer))
  for await (const entry of batch.createReadStream(keys.certsOf(ev.device))) await batch.del(entry.key)
  await batch.put(keys.ban(ev.device), { by, ts: ev.ts })
  await batch.put(keys.account, { ...account, devices: account.devices - 1 } satisfies AccountRecord)
  return true
}

async function certAdded (ev: Extract<AccountEvent, { type: 'cert-added' }>, batch: Batch): Promise<boolean> {
  const account = await get<AccountRecord>(batch, keys.account)
  if (account === null || await get(batch, keys.device(ev.device)) === null) return false
  if (!await certHolds(batch, account.identity, ev.device, ev.cert)) return false
  await batch.put(keys.cert(ev.device, ev.cert.by), ev.cert)
  return true
}

async function roomAdded (ev: Extract<AccountEvent, { type: 'room-added' }>, batch: Batch): Promise<boolean> {
  const entry: RoomEntry = { key: ev.key, alias: ev.alias, named: ev.named }
  if (ev.encryptionKey !== undefined) entry.encryptionKey = ev.encryptionKey
  await batch.put(keys.room(ev.key), entry)
  return true
}

async function roomLeft (ev: Extract<AccountEvent, { type: 'room-left' }>, batch: Batch): Promise<boolean> {
  const room = await get<RoomEntry>(batch, keys.room(ev.key))
  if (room === null || room.left === true) return false
  await batch.put(keys.room(ev.key), { ...room, left: true } satisfies RoomEntry)
  return true
}

/** The certificate verifies, and its signer is the identity or a current device of it. */
async function certHolds (batch: Batch, identity: string, device: string, cert: Cert): Promise<boolean> {
  if (!verifyDeviceCert(cert, identity, device)) return false
  return cert.by === identity || await get(batch, keys.device(cert.by)) !== null
}

async function putDevice (batch: Batch, device: string, record: DeviceRecord, cert: Cert): Promise<void> {
  await batch.put(keys.device(device), record)
  await batch.put(keys.writer(record.writer), { device } satisfies WriterRecord)
  await batch.put(keys.cert(device, cert.by), cert)
}
