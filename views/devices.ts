// Projection: one person, several devices (docs/architecture.md §16.2, §16.6). Deterministic
// and pure: certificates and device signatures are verified from their inputs alone, and who
// may certify or remove is read from the view as it stands at the block.
//
// A writer W bound to an identity I (`writer/<W>`) acts for I in every rule of who may
// (views/author.ts `identity`); its device D is `device/<D>`. Nothing in a payload gives
// authority: `identity` is believed only when D signed this block's writer key (`deviceSig`)
// and a certificate for (I, D) is signed by I or by a current device of I in this room.
import crypto from 'hypercore-crypto'
import type { ApplyContext } from './context.js'
import type { Author } from './author.js'
import { keys, ranges } from './keys.js'
import type { DeviceEvent } from './schema-devices.js'
import { verifyDeviceCert, type DeviceCert } from './device-cert.js'
import type { AdminsRecord, AvatarRecord, BanRecord, DeviceRecord, InviteRecord, MemberRecord, RoomRecord, SeederRecord, UserRecord } from './records.js'
import { indexersOf, readAdmins } from './roles.js'
import { joinBarred, unbindDevice } from './removals.js'
import { invitePasses } from './members.js'
import { consumeUse } from './invite-rules.js'

type JoinedV4 = Extract<DeviceEvent, { type: 'member-joined' }>
type DeviceBound = Extract<DeviceEvent, { type: 'device-bound' }>
type DeviceRemoved = Extract<DeviceEvent, { type: 'device-removed' }>

/**
 * Whether the block's writer and device prove (I, D): D signed the writer key, the certificate
 * verifies, its signer is I or a current device of I here, and neither D, W nor I is banned.
 */
async function proves (ctx: ApplyContext, from: Author, identity: string, device: string, deviceSig: string, cert: DeviceCert): Promise<boolean> {
  if (!crypto.verify(from.buffer, Buffer.from(deviceSig, 'hex'), Buffer.from(device, 'hex'))) return false
  if (!verifyDeviceCert(cert, identity, device)) return false
  for (const ban of [keys.banDevice(device), keys.ban(from.key), keys.ban(identity)]) {
    if (await ctx.get<BanRecord>(ban) !== null) return false
  }
  // One writer per device in a room: a device bound already (this writer's binding was handled
  // before) stays with the writer it has, so removing it removes all it writes with here.
  if (await ctx.get<DeviceRecord>(keys.device(device)) !== null) return false
  if (cert.by === identity) return true
  return (await ctx.get<DeviceRecord>(keys.device(cert.by)))?.identity === identity
}

/** Already bound: true when it is this same binding again (a replay), false for any other. */
async function boundAlready (ctx: ApplyContext, writer: string, identity: string, device: string): Promise<boolean | null> {
  const binding = await ctx.writerRecord(writer)
  if (binding === null) return null
  return binding.removed !== true && binding.identity === identity && binding.device === device
}

// A migrating writer is already a writer, perhaps a signer: adding it again would demote it.
async function bind (ctx: ApplyContext, from: Author, identity: string, device: string, by: string, migrating = false): Promise<void> {
  if (!migrating) await ctx.host.addWriter(from.buffer, { indexer: false })
  await ctx.putWriter(from.key, { identity, device })
  await ctx.put(keys.device(device), { identity, by, writer: from.key } satisfies DeviceRecord)
  ctx.changedTrust()
  await changedProfiles(ctx) // authors' names are read through the binding: readers look again
}

/**
 * member-joined v4: a v3 join for identity I. A device of a member already in (I is one) is
 * bound to it, using up a use of the invite like any join; otherwise I becomes a member.
 */
export async function memberJoinedV4 (ev: JoinedV4, ctx: ApplyContext, from: Author): Promise<boolean> {
  const again = await boundAlready(ctx, from.key, ev.identity, ev.device)
  if (again !== null) return again
  if (await ctx.isMember(from.key)) return false // a member moves to an identity with device-bound
  const invite = await invitePasses(ev, ctx, from)
  if (invite === null || await joinBarred(ev, ctx, from, invite)) return false
  if (!(await proves(ctx, from, ev.identity, ev.device, ev.deviceSig, ev.cert))) return false
  if (!(await ctx.isMember(ev.identity))) {
    await ctx.putMember(ev.identity, { role: 'member', invite: ev.invite, device: ev.device, signer: from.key })
  }
  await bind(ctx, from, ev.identity, ev.device, ev.cert.by)
  await consumeUse(ctx, ev.invite, invite)
  return true
}

/**
 * device-bound: no invite. Either I is a current member and this writer is a new device of it
 * (optimistic, like a join), or this writer is itself a member moving to I (§16.6: it brings
 * its role, place among the admins, profile and invites; I must not be a member yet).
 */
export async function deviceBound (ev: DeviceBound, ctx: ApplyContext, from: Author): Promise<boolean> {
  const again = await boundAlready(ctx, from.key, ev.identity, ev.device)
  if (again !== null) return again
  if (!(await proves(ctx, from, ev.identity, ev.device, ev.deviceSig, ev.cert))) return false
  const writerIsMember = await ctx.isMember(from.key)
  if (await ctx.isMember(ev.identity)) {
    if (writerIsMember) return false // two members are not merged into one
    await bind(ctx, from, ev.identity, ev.device, ev.cert.by)
    return true
  }
  if (!writerIsMember || from.optimistic) return false
  await migrate(ctx, from.key, ev.identity)
  await bind(ctx, from, ev.identity, ev.device, ev.cert.by, true)
  return true
}

/** Everything the room says of member W moves to identity I, in this same batch (§16.6). */
async function migrate (ctx: ApplyContext, writer: string, identity: string): Promise<void> {
  const member = (await ctx.get<MemberRecord>(keys.member(writer))) ?? { role: 'owner' }
  await ctx.del(keys.member(writer))
  ctx.setMember(writer, false)
  await ctx.putMember(identity, { ...member, signer: member.signer ?? writer })
  await move<UserRecord>(ctx, keys.user(writer), keys.user(identity))
  await move<AvatarRecord>(ctx, keys.avatar(writer), keys.avatar(identity))
  const admins = await ctx.get<AdminsRecord>(keys.admins)
  if (admins !== null) await ctx.put(keys.admins, admins.map(k => k === writer ? identity : k) satisfies AdminsRecord)
  if (ctx.owner === writer) {
    const room = await ctx.get<RoomRecord>(keys.room)
    if (room !== null) await ctx.put(keys.room, { ...room, owner: identity } satisfies RoomRecord)
    ctx.owner = identity
  }
  await rewriteBy<InviteRecord>(ctx, ranges.invites, writer, identity)
  await rewriteBy<SeederRecord>(ctx, ranges.seeders, writer, identity)
}

async function move<T> (ctx: ApplyContext, from: string, to: string): Promise<void> {
  const value = await ctx.get<T>(from)
  if (value === null) return
  await ctx.put(to, value)
  await ctx.del(from)
}

// Invites and seeders are few (made by hand): a scan costs little and needs no index.
async function rewriteBy<T extends { by: string }> (ctx: ApplyContext, range: { gt: string, lt: string }, writer: string, identity: string): Promise<void> {
  const found: Array<{ key: string, value: T }> = []
  for await (const { key, value } of ctx.batch.createReadStream(range)) {
    if ((value as T).by === writer) found.push({ key, value: value as T })
  }
  for (const { key, value } of found) await ctx.put(key, { ...value, by: identity })
}

/**
 * device-removed: from a device of the same identity (itself included: leaving), the owner, or
 * an admin for a non-admin. The device is banned, its writer banned and unbound (its messages
 * keep their author), and when it signed for an admin, the identity's next device signs.
 */
export async function deviceRemoved (ev: DeviceRemoved, ctx: ApplyContext, from: Author): Promise<boolean> {
  const record = await ctx.get<DeviceRecord>(keys.device(ev.device))
  if (record === null || record.identity !== ev.identity || record.writer !== ev.writer) return false
  const role = await ctx.role(ev.identity)
  const allowed = from.identity === ev.identity ||
    (ev.identity !== ctx.owner && (from.identity === ctx.owner || (await ctx.isAdmin(from.identity) && role !== 'admin')))
  if (!allowed) return false
  await handOverSigning(ctx, ev.identity, ev.device, record.writer)
  await unbindDevice(ctx, ev.device, record, { by: from.key, notice: { publicKey: ev.publicKey, sig: ev.sig } })
  const writer = Buffer.from(record.writer, 'hex')
  if (ctx.host.removeable(writer)) await ctx.host.removeWriter(writer)
  ctx.changedTrust()
  return true
}

/** The identity's signer is leaving: its next current device signs instead (if it has one). */
async function handOverSigning (ctx: ApplyContext, identity: string, device: string, writer: string): Promise<void> {
  const member = await ctx.get<MemberRecord>(keys.member(identity))
  if (member === null || member.signer !== writer) return
  let next: string | null = null
  for await (const { key, value } of ctx.batch.createReadStream(ranges.devices)) {
    const other = value as DeviceRecord
    if (other.identity === identity && key !== keys.device(device)) { next = other.writer; break }
  }
  if (next === null) return
  await ctx.putMember(identity, { ...member, signer: next })
  if (indexersOf(await readAdmins(ctx)).includes(identity)) await ctx.host.addWriter(Buffer.from(next, 'hex'), { indexer: true })
}

async function changedProfiles (ctx: ApplyContext): Promise<void> {
  await ctx.put(keys.profiles, ((await ctx.get<number>(keys.profiles)) ?? 0) + 1)
}
