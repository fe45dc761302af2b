// A room member as the SDK lists it (room.members()): who they are in the room, and how to
// show them (src/names/identities.ts).
import type { Member as BaseMember } from '../room-membership.js'
import type { Identity } from './identities.js'

export type Member = Omit<BaseMember, 'name'> & Identity
