// One error type with a string code. The server maps codes to HTTP statuses; the CLI prints
// the message. Messages are written for the person who will read them.

export type ErrorCode =
  | 'INVALID_ARGUMENT'
  | 'TOO_LARGE'
  | 'NOT_FOUND'
  | 'NOT_WRITABLE'
  | 'NOT_OWNER'
  | 'NOT_ALLOWED'
  | 'NOT_ADMIN'
  | 'LAST_ADMIN'
  | 'INVITE_MALFORMED'
  | 'INVITE_EXPIRED'
  | 'INVITE_REVOKED'
  | 'INVITE_USED_UP'
  | 'INVITE_UNKNOWN'
  | 'INVITE_NOT_ADMIN'
  | 'BANNED'
  | 'JOIN_TIMEOUT'
  | 'JOIN_CANCELLED'
  | 'CLOSED'
  | 'NEEDS_UPDATE'
  | 'FILE_UNAVAILABLE'
  | 'DISK_FULL'
  | 'STORAGE_IN_USE'
  | 'STORAGE_COPIED'
  | 'STORAGE_DAMAGED'
  | 'NOT_ENCRYPTED'
  | 'OPENING'
  | 'INVITE_USED'
  | 'LINK_REFUSED'
  | 'LINK_TIMEOUT'
  | 'DEVICE_REMOVED'
  | 'NO_IDENTITY'
  | 'DEVICE_REFUSED'
  | 'DEVICE_TIMEOUT'

export class LinkUpError extends Error {
  readonly code: ErrorCode

  constructor (code: ErrorCode, message: string) {
    super(message)
    this.name = 'LinkUpError'
    this.code = code
  }
}

export const errors = {
  invalid: (message: string) => new LinkUpError('INVALID_ARGUMENT', message),
  /** Lengths count UTF-16 code units, as everywhere (views/limits.ts). */
  badName: (what: string, max: number) => new LinkUpError('INVALID_ARGUMENT', `${what} has 1 to ${max} characters (most emoji count as 2), without control characters`),
  tooLarge: (what: string, limit: string) => new LinkUpError('TOO_LARGE', `${what} is too large (the limit is ${limit})`),
  notFound: (what: string) => new LinkUpError('NOT_FOUND', `${what} was not found`),
  closed: () => new LinkUpError('CLOSED', 'This room is closed'),
  /** Internal: a room's base read before the room opened (every Room method waits for its open). */
  opening: () => new LinkUpError('OPENING', 'This room is still opening'),
  notWritable: () => new LinkUpError('NOT_WRITABLE', 'You are not (or no longer) a member who can write in this room'),
  notOwner: () => new LinkUpError('NOT_OWNER', 'Only the room owner can do that'),
  notAdmin: (message = 'Only the room owner or an admin can do that') => new LinkUpError('NOT_ADMIN', message),
  lastAdmin: (message: string) => new LinkUpError('LAST_ADMIN', message),
  inviteMalformed: () => new LinkUpError('INVITE_MALFORMED', 'That is not a LinkUp invite (it should start with "linkup:")'),
  inviteExpired: () => new LinkUpError('INVITE_EXPIRED', 'This invite has expired: ask for a new one'),
  inviteRevoked: () => new LinkUpError('INVITE_REVOKED', 'This invite was revoked: ask for a new one'),
  inviteUsedUp: () => new LinkUpError('INVITE_USED_UP', 'This invite has already been used as many times as it allows: ask for a new one'),
  inviteUnknown: () => new LinkUpError('INVITE_UNKNOWN', 'This room does not accept that invite: ask for a new one'),
  /** A member's invite while only admins' invites admit (the owner's setting, or after a removal). */
  inviteNotAdmin: () => new LinkUpError('INVITE_NOT_ADMIN', 'Only invites made by the room\'s owner or an admin let people in now (the owner said so, or a member was removed): ask one of them'),
  notEncrypted: () => new LinkUpError('NOT_ENCRYPTED', 'This room was made before rooms were encrypted: a seeder would store it readable. Make a new room to use seeders'),
  notAllowed: (message: string) => new LinkUpError('NOT_ALLOWED', message),
  deviceRemoved: () => new LinkUpError('DEVICE_REMOVED', 'This device was removed from your account'),
  linkCodeMalformed: () => new LinkUpError('INVITE_MALFORMED', 'That is not a LinkUp device code (it should start with "linkup-device:"): copy it again from "Link a device" on your other device'),
  inviteUsed: () => new LinkUpError('INVITE_USED', 'This device code was already used: make a new one with "Link a device" on your other device'),
  linkRefused: () => new LinkUpError('LINK_REFUSED', 'Your other device refused this device (it was removed from the account before, or the request was damaged)'),
  linkTimeout: () => new LinkUpError('LINK_TIMEOUT', 'No device of that account answered: keep the device that made the code online and try again'),
  banned: () => new LinkUpError('BANNED', 'You were removed from this room and cannot rejoin'),
  noIdentity: () => new LinkUpError('NO_IDENTITY', 'This device acts for no identity yet: call client.setIdentity({ key, cert }) first'),
  deviceRefused: (why: string) => new LinkUpError('DEVICE_REFUSED', `This room does not take this device as yours: ${why}`),
  deviceTimeout: () => new LinkUpError('DEVICE_TIMEOUT', 'No member of that room took this device in time: try again when another of your devices, or a member, is online'),
  joinTimeout: () => new LinkUpError('JOIN_TIMEOUT', 'No member of that room answered: try again when one of them is online'),
  joinCancelled: () => new LinkUpError('JOIN_CANCELLED', 'The join was cancelled'),
  needsUpdate: (v: number) => new LinkUpError('NEEDS_UPDATE', `A member uses a newer LinkUp (event version ${v}): update to keep reading this room`),
  diskFull: (dir: string, free: number, reserve: number) => new LinkUpError('DISK_FULL',
    `The disk holding ${dir} is full (${Number.isFinite(free) ? mib(Math.max(0, free)) + ' left' : 'no space left'}` +
    `${reserve > 0 ? `; LinkUp keeps ${mib(reserve)} free` : ''}): free some space there, and sending and syncing resume by themselves`),
  diskFullAtStart: (dir: string, free: number, reserve: number) => new LinkUpError('DISK_FULL',
    `The disk holding ${dir} is full (${mib(Math.max(0, free))} left; LinkUp needs ${mib(reserve)} free to start): free some space there and start again`),
  storageInUse: (dir: string) => new LinkUpError('STORAGE_IN_USE',
    `${dir} is in use by another LinkUp process (its lock file, corestore/CORESTORE, is held): stop that one first, or use another storage directory`),
  storageCopied: (file: string) => new LinkUpError('STORAGE_COPIED',
    `This storage was copied or moved from elsewhere (${file} belongs to the original). Two copies running at once would fork your writer cores; ` +
    `if the original is gone for good, delete ${file} and start again`),
  storageDamaged: (where: string, detail: string, storage: string) => new LinkUpError('STORAGE_DAMAGED',
    `The storage is damaged (${detail}, in ${where}): restore ${storage} from a backup, or move ${storage}/corestore away to start empty ` +
    'and join your rooms again with new invites (their other members keep the history)')
}

/** Bytes as MiB for people: "12.3 MiB". */
function mib (bytes: number): string {
  const m = bytes / 2 ** 20
  return `${m < 10 ? m.toFixed(1) : Math.round(m)} MiB`
}

export function isLinkUpError (err: unknown): err is LinkUpError {
  return err instanceof LinkUpError
}
