// The view's key layout, in one place. Deterministic and pure.
//
// msg/<12-digit position>  message record, in linearised order
// mid/<id>                 position of a message, by its stable id "<writer key>:<seq>"
// user/<key>               registered user (profile)        avatar/<key>  avatar image
// member/<key>             member record                    ban/<key>     removed by the owner
// invite/<pub>             invite record                    clock/<key>   writer's last applied seq
// meta/room, meta/skipped, meta/profiles (a counter of profile changes, so readers notice them)
//
// A message's position is the last msg/ key plus one: no counter to rewrite per message.

const POSITION_DIGITS = 12

export const keys = {
  message: (position: number) => 'msg/' + position.toString().padStart(POSITION_DIGITS, '0'),
  messageId: (id: string) => 'mid/' + id,
  user: (key: string) => 'user/' + key,
  avatar: (key: string) => 'avatar/' + key,
  member: (key: string) => 'member/' + key,
  ban: (key: string) => 'ban/' + key,
  invite: (pub: string) => 'invite/' + pub,
  clock: (key: string) => 'clock/' + key,
  room: 'meta/room',
  profiles: 'meta/profiles',
  skipped: 'meta/skipped'
} as const

/** Key ranges for reading a whole prefix. '0' sorts right after '/'. */
export const ranges = {
  messages: { gt: 'msg/', lt: 'msg0' },
  users: { gt: 'user/', lt: 'user0' },
  members: { gt: 'member/', lt: 'member0' },
  invites: { gt: 'invite/', lt: 'invite0' },
  clocks: { gt: 'clock/', lt: 'clock0' }
} as const

export function positionOf (messageKey: string): number {
  return Number(messageKey.slice(4))
}

export function messageId (writerKey: string, seq: number): string {
  return writerKey + ':' + seq
}
