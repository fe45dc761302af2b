// Projection: removing a member, and what keeps a removed person out. Deterministic and pure.
// The network side of a removal (peers stop serving the room to the removed device) reads what
// this writes: docs/architecture.md §2.6 and §6.7.
import crypto from 'hypercore-crypto'
import type { ApplyContext } from './context.js'
import type { Author } from './author.js'
import { keys, ranges } from './keys.js'
import type { RoomEvent } from './schema.js'
import type { BanRecord, DeviceRecord, InvitePolicyRecord, InviteRecord, MemberRecord } from './records.js'
import { readAdmins, setAdmins } from './roles.js'

type MemberRemoved = Extract<RoomEvent, { type: 'member-removed' }>
type MemberJoined = Extract<RoomEvent, { type: 'member-joined' }>

/**
 * v1: only the owner removes. v3: the owner or an admin; an admin removes members only, the
 * owner anyone but itself. Either way the key is banned, its member record deleted, the
 * invite it came in with revoked, and it stops being a writer (and an indexer). A v3 removal
 * also bans the device it joined from, revokes every invite it made (a member about to be
 * removed could have made some for itself), and makes only admins' invites admit from then on:
 * a removed person on a fresh device is a new key, which only an admin may let in.
 */
export async function memberRemoved (ev: MemberRemoved, ctx: ApplyContext, from: Author): Promise<boolean> {
  if (ev.key === ctx.owner || ev.key === from.identity) return false
  const member = await ctx.get<MemberRecord>(keys.member(ev.key))
  const allowed = from.identity === ctx.owner || (ev.v === 3 && await ctx.role(from.identity) === 'admin' && member?.role !== 'admin')
  if (!allowed) return false
  if (await ctx.get<BanRecord>(keys.ban(ev.key)) !== null) return false
  const ban: BanRecord = ev.v === 3 ? { by: from.key, notice: { publicKey: ev.publicKey, sig: ev.sig } } : { by: from.key }
  await ctx.put(keys.ban(ev.key), ban)
  if (member !== null) {
    await ctx.del(keys.member(ev.key))
    if (member.invite !== undefined) await revoke(ctx, member.invite)
  }
  if (ev.v === 3) {
    if (member?.device !== undefined) await ctx.put(keys.banDevice(member.device), { by: from.key } satisfies BanRecord)
    await revokeInvitesBy(ctx, ev.key)
    await ctx.put(keys.invitePolicy, { adminsOnly: true, by: from.key } satisfies InvitePolicyRecord)
  }
  ctx.setMember(ev.key, false)
  const devices = await removeDevicesOf(ctx, ev.key, ban)
  if (ev.v === 3) ctx.changedTrust() // v1 blocks fold exactly as older builds fold them
  const admins = await readAdmins(ctx)
  if (admins.includes(ev.key)) await setAdmins(ctx, admins.filter(k => k !== ev.key))
  const key = Buffer.from(ev.key, 'hex')
  if (member !== null && ctx.host.removeable(key)) await ctx.host.removeWriter(key)
  for (const writer of devices) {
    const buffer = Buffer.from(writer, 'hex')
    if (ctx.host.removeable(buffer)) await ctx.host.removeWriter(buffer)
  }
  return true
}

/**
 * A removed identity's devices (v4) go with it: each device banned, each writer banned with the
 * removal's notice (it names the identity: peers check it against the writer's binding,
 * src/trust/room-access.ts) and its binding marked removed (kept, so history keeps its author).
 * Returns the writers to remove.
 * A room without v4 bindings has no device/ records: nothing is read but an empty range.
 */
async function removeDevicesOf (ctx: ApplyContext, identity: string, ban: BanRecord): Promise<string[]> {
  const found: Array<{ device: string, record: DeviceRecord }> = []
  for await (const { key, value } of ctx.batch.createReadStream(ranges.devices)) {
    const record = value as DeviceRecord
    if (record.identity === identity) found.push({ device: key.slice('device/'.length), record })
  }
  const writers: string[] = []
  for (const { device, record } of found) {
    await unbindDevice(ctx, device, record, ban)
    if (record.writer !== identity) writers.push(record.writer)
  }
  return writers
}

/** Device `device` of its identity is out: banned, its record gone, its writer banned and unbound. */
export async function unbindDevice (ctx: ApplyContext, device: string, record: DeviceRecord, ban: BanRecord): Promise<void> {
  await ctx.put(keys.banDevice(device), { by: ban.by } satisfies BanRecord)
  await ctx.del(keys.device(device))
  const binding = await ctx.writerRecord(record.writer)
  if (binding !== null) await ctx.putWriter(record.writer, { ...binding, removed: true })
  if (await ctx.get<BanRecord>(keys.ban(record.writer)) === null) await ctx.put(keys.ban(record.writer), ban)
}

/**
 * Why a join that is otherwise valid is refused (true) by what removals left behind: a device
 * that was banned, a device signature that does not verify, or an invite from a non-admin once
 * a removal made invites admins-only. Called by views/members.ts before it admits anyone.
 */
export async function joinBarred (ev: MemberJoined, ctx: ApplyContext, from: Author, invite: InviteRecord): Promise<boolean> {
  if (ev.v !== 1) {
    if (!crypto.verify(from.buffer, Buffer.from(ev.deviceSig, 'hex'), Buffer.from(ev.device, 'hex'))) return true
    if (await ctx.get<BanRecord>(keys.banDevice(ev.device)) !== null) return true
  }
  const policy = await ctx.get<InvitePolicyRecord>(keys.invitePolicy)
  return policy?.adminsOnly === true && !(await ctx.isAdmin(invite.by))
}

async function revoke (ctx: ApplyContext, pub: string): Promise<void> {
  const invite = await ctx.get<InviteRecord>(keys.invite(pub))
  if (invite !== null && invite.revoked !== true) await ctx.put(keys.invite(pub), { ...invite, revoked: true } satisfies InviteRecord)
}

// Invites are few (made by hand), so a scan of them is cheap and needs no second index.
async function revokeInvitesBy (ctx: ApplyContext, maker: string): Promise<void> {
  const made: string[] = []
  for await (const { key, value } of ctx.batch.createReadStream(ranges.invites)) {
    const invite = value as InviteRecord
    if (invite.by === maker && invite.revoked !== true) made.push(key.slice('invite/'.length))
  }
  for (const pub of made) await revoke(ctx, pub)
}
