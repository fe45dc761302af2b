// The room's projection: open() makes the view, apply() folds linearised blocks into it.
//
// Deterministic: apply reads only the nodes, their writer keys and the view; no clock, no
// randomness, no I/O, so every peer rebuilds the same view. It never throws on peer data:
// a block that does not decode, or that its author may not write, is skipped and counted.
// One apply call writes all its changes in one Hyperbee batch.
import Hyperbee from 'hyperbee'
import type Autobase from 'autobase'
import type Corestore from 'corestore'
import { ApplyContext } from './context.js'
import type { Author } from './author.js'
import { decodeEvent, type RoomEvent } from './schema.js'
import { roomCreated } from './room.js'
import { inviteCreated, inviteRevoked } from './invites.js'
import { memberJoined } from './members.js'
import { memberJoinedV4, deviceBound, deviceRemoved } from './devices.js'
import { memberRemoved } from './removals.js'
import { roleSet, ownershipTransferred } from './roles.js'
import { inviteCreatedV3, inviteRevokedV3, invitePolicySet } from './invite-rules.js'
import { profileSet } from './profiles.js'
import { messagePosted, messagesPosted } from './messages.js'
import { seederAdded, seederRemoved } from './seeders.js'
import { messageEdited, messageDeleted } from './edits.js'
import { reactionChanged } from './reactions.js'

export function open (store: Corestore): Hyperbee {
  return new Hyperbee(store.get({ name: 'view' }), { keyEncoding: 'utf-8', valueEncoding: 'json', extension: false })
}

function route (ev: RoomEvent, ctx: ApplyContext, from: Author): Promise<boolean> {
  switch (ev.type) {
    case 'room-created': return roomCreated(ev, ctx, from)
    case 'invite-created': return ev.v === 3 ? inviteCreatedV3(ev, ctx, from) : inviteCreated(ev, ctx, from)
    case 'invite-revoked': return ev.v === 3 ? inviteRevokedV3(ev, ctx, from) : inviteRevoked(ev, ctx, from)
    case 'invite-policy-set': return invitePolicySet(ev, ctx, from)
    case 'member-joined': return ev.v === 4 ? memberJoinedV4(ev, ctx, from) : memberJoined(ev, ctx, from)
    case 'device-bound': return deviceBound(ev, ctx, from)
    case 'device-removed': return deviceRemoved(ev, ctx, from)
    case 'member-removed': return memberRemoved(ev, ctx, from)
    case 'role-set': return roleSet(ev, ctx, from)
    case 'ownership-transferred': return ownershipTransferred(ev, ctx, from)
    case 'profile-set': return profileSet(ev, ctx, from)
    case 'messages-posted': return messagesPosted(ev, ctx, from)
    case 'seeder-added': return seederAdded(ev, ctx, from)
    case 'seeder-removed': return seederRemoved(ev, ctx, from)
    case 'message-posted':
    case 'file-posted':
    case 'audio-posted':
      return messagePosted(ev, ctx, from)
    case 'message-edited': return messageEdited(ev, ctx, from)
    case 'message-deleted': return messageDeleted(ev, ctx, from)
    case 'reaction-added':
    case 'reaction-removed':
      return reactionChanged(ev, ctx, from)
    default: {
      const never: never = ev
      return never
    }
  }
}

export async function apply (nodes: Autobase.Node[], view: Hyperbee, host: Autobase.Host): Promise<void> {
  const ctx = new ApplyContext(view.batch(), host, host.key.toString('hex'))
  await ctx.load()
  for (const node of nodes) {
    if (node.value === null) continue
    const from: Author = {
      key: node.from.key.toString('hex'),
      buffer: node.from.key,
      seq: node.length - 1,
      optimistic: node.optimistic,
      identity: ''
    }
    // Idempotent per block: a replayed block changes nothing, so a view that already holds it
    // stays identical to every other peer's (no duplicate message, no extra skip counted).
    if (await ctx.applied(from.key, from.seq)) continue
    from.identity = await ctx.identityOf(from.key)
    const decoded = decodeEvent(node.value)
    if (decoded === null) {
      await ctx.skip()
    } else if (decoded.kind === 'newer') {
      // A member runs a newer build: stop rather than misread history (the user must update).
      // From anyone else it is just noise.
      if (!from.optimistic && await ctx.isMember(from.identity)) {
        host.interrupt({ code: 'NEWER_VERSION', version: decoded.v })
        return
      }
      await ctx.skip()
    } else if (from.optimistic && decoded.event.type !== 'member-joined' && decoded.event.type !== 'device-bound') {
      await ctx.skip() // only a join (or a member's new device) may come from someone who is not yet a writer
    } else if (!(await route(decoded.event, ctx, from))) {
      await ctx.skip()
    }
    if (!from.optimistic || await ctx.isMember(await ctx.identityOf(from.key))) ctx.setClock(from.key, from.seq)
  }
  await ctx.flush()
}
