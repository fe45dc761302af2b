// The read side of the devices projection (views/devices.ts): who a writer writes for, and an
// identity's devices, as the SDK and the network read them from the view. Reads only.
import type Hyperbee from 'hyperbee'
import { keys, ranges } from './keys.js'
import { getValue } from './get.js'
import type { DeviceRecord, UserRecord, WriterRecord } from './records.js'

export function readWriter (view: Hyperbee, writer: string): Promise<WriterRecord | null> {
  return getValue<WriterRecord>(view, keys.writer(writer))
}

export function readDevice (view: Hyperbee, device: string): Promise<DeviceRecord | null> {
  return getValue<DeviceRecord>(view, keys.device(device))
}

/** Who a writer acts for now: its identity while its device is current, else itself. */
export async function identityOfWriter (view: Hyperbee, writer: string): Promise<string> {
  const record = await readWriter(view, writer)
  return record === null || record.removed === true ? writer : record.identity
}

/** Every writer binding (few: one per linked device in the room), writer → record. */
export async function readWriters (view: Hyperbee): Promise<Map<string, WriterRecord>> {
  const out = new Map<string, WriterRecord>()
  for await (const { key, value } of view.createReadStream(ranges.writers)) out.set(key.slice('writer/'.length), value as WriterRecord)
  return out
}

/** Every current device, identity → [{ key: D, writer: W }]. */
export async function readDevices (view: Hyperbee): Promise<Map<string, Array<{ key: string, writer: string }>>> {
  const out = new Map<string, Array<{ key: string, writer: string }>>()
  for await (const { key, value } of view.createReadStream(ranges.devices)) {
    const record = value as DeviceRecord
    const list = out.get(record.identity) ?? []
    list.push({ key: key.slice('device/'.length), writer: record.writer })
    out.set(record.identity, list)
  }
  return out
}

/** The drive writer W puts its files in: its device's own (v4), else its profile's. */
export async function readDriveOf (view: Hyperbee, writer: string): Promise<string | undefined> {
  const record = await readWriter(view, writer)
  if (record?.drive !== undefined) return record.drive
  return (await getValue<UserRecord>(view, keys.user(record?.identity ?? writer)))?.drive
}
