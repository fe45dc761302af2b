// Carries out a parsed composer command against the local node and says what to show.
import type { Command } from './commands.js'
import { HELP } from './commands.js'
import type { Notice } from './components/lu-notice.js'
import type { AppStore } from './store.js'
import { madeText } from './invite-options.js'
import { resolveMember } from './resolve-member.js'
import { nameText } from './identity.js'

export async function runCommand (store: AppStore, room: string | null, cmd: Command): Promise<Notice | null> {
  const needRoom = (): string => {
    if (room === null) throw new Error(`~${cmd.name} works inside a room: pick or create one first`)
    return room
  }
  switch (cmd.name) {
    case 'help':
      return { kind: 'list', title: 'Commands', rows: HELP }
    case 'create':
      await store.createRoom(cmd.alias)
      return { kind: 'info', text: `Created # ${cmd.alias}. Type ~invite to invite people.` }
    case 'join': {
      const join = await store.startJoin(cmd.invite)
      if (join.state === 'joined') return { kind: 'info', text: `You are in # ${join.room?.alias ?? 'that room'} already.` }
      return { kind: 'info', text: 'Joining… waiting for a member of the room to come online. It shows in the room list, where you can cancel it; the room opens once you are in.' }
    }
    case 'invite': {
      const { invite } = await store.api.createInvite(needRoom(), cmd.opts)
      return { kind: 'invite', text: invite, about: madeText(cmd.opts, Date.now()) }
    }
    case 'remove': {
      const id = needRoom()
      await store.directory.refresh(id)
      const found = resolveMember(store.directory.members(id), cmd.who)
      if (!found.ok) throw new Error(found.message)
      if (found.member.key === store.room?.summary.identityKey) throw new Error('You cannot remove yourself: use ~leave')
      await store.api.removeMember(id, found.member.key)
      return { kind: 'info', text: `Removed ${nameText(found.member)} from this room.` }
    }
    case 'leave': {
      const id = needRoom()
      const alias = store.room?.summary.alias ?? ''
      await store.leaveRoom(id, { anyway: cmd.anyway === true }) // the owner: LAST_ADMIN says how to hand over
      return { kind: 'info', text: `You left # ${alias}.` }
    }
    case 'clear':
      await store.api.clear(needRoom())
      return { kind: 'info', text: 'History cleared on this device. Other members still have it.' }
    case 'ping': {
      const id = needRoom()
      const peers = await store.api.ping(id)
      if (peers.length === 0) return { kind: 'info', text: 'No peers are connected to this room right now.' }
      // Peers are network identities (not room members), so they are shown by a short key.
      return { kind: 'list', title: 'Round trip to connected peers', rows: peers.map(p => [`peer ${p.key.slice(0, 8)}`, `${Math.max(1, Math.round(p.rtt))} ms`] as const) }
    }
    case 'seed': {
      const id = needRoom()
      if (cmd.key === undefined) {
        const { seeders } = await store.api.seeders(id)
        if (seeders.length === 0) return { kind: 'info', text: 'No seeder keeps this room. Add one with ~seed <key> (run linkup seed to get a key).' }
        return { kind: 'list', title: 'Seeders keeping this room', rows: seeders.map(k => [`seeder ${k.slice(0, 8)}`, k] as const) }
      }
      await store.api.addSeeder(id, cmd.key) // a room made before encryption: NOT_ENCRYPTED says why not
      return { kind: 'info', text: `Seeder ${cmd.key.slice(0, 8)} added: every member's node now keeps this room on it (encrypted: it cannot read it).` }
    }
    case 'nick': {
      await store.saveProfile(cmd.nick)
      return { kind: 'info', text: `You are now ${cmd.nick}.` }
    }
  }
}
