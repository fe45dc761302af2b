// This user as others see them (the profile published in every room) and what this user
// noted about others (nicknames, verified keys: local only, never replicated). Client's
// setProfile, contact, setNickname and setVerified, behind one-line calls.
import b4a from 'b4a'
import type { LocalState, LocalProfile } from './local-state.js'
import type { DiskSpace } from './disk-space.js'
import type { Room } from './room.js'
import type { Profile } from './client-options.js'
import { roomInternals } from './room-internals.js'
import { errors } from './errors.js'
import { isName, LIMITS } from '../views/schema.js'
import { AVATAR_MIMES, isHex32, wellFormed } from '../views/limits.js'
import { describeHidden, hiddenIn } from '../views/names.js'

const AVATAR_MIME: ReadonlySet<string> = new Set(AVATAR_MIMES)

export interface PeopleHooks {
  local: LocalState
  disk: DiskSpace
  rooms: () => Room[]
  /** This user's nickname or verification of a key changed (Client emits 'contact'). */
  contactChanged: (key: string) => void
}

/** The profile saved here, as the SDK shows it (Client.profile). */
export function savedProfile (p: LocalProfile | null): Profile | null {
  if (p === null) return null
  return p.avatar === undefined ? { name: p.name } : { name: p.name, avatar: { mime: p.avatar.mime, data: Buffer.from(p.avatar.data, 'base64') } }
}

export class People {
  private readonly hooks: PeopleHooks

  constructor (hooks: PeopleHooks) {
    this.hooks = hooks
  }

  /** Sets the display name (and avatar) and publishes it in every room. */
  async setProfile (profile: { name: string, avatar?: { mime: string, data: Uint8Array } | null }): Promise<void> {
    const local = this.hooks.local
    this.hooks.disk.assertRoom()
    const name = typeof profile?.name === 'string' ? wellFormed(profile.name.trim()) : profile?.name
    if (!isName(name)) throw errors.badName('A display name', LIMITS.nameChars)
    assertVisible('A display name', name)
    const next: LocalProfile = { name }
    const avatar = profile.avatar === undefined ? local.profile?.avatar : profile.avatar
    if (avatar !== null && avatar !== undefined) {
      if ('data' in avatar && typeof avatar.data !== 'string') {
        if (!AVATAR_MIME.has(avatar.mime)) throw errors.invalid('An avatar is a PNG, JPEG, WebP or GIF image')
        if (avatar.data.byteLength > LIMITS.avatarBytes) throw errors.tooLarge('The avatar', '64 KiB')
        next.avatar = { mime: avatar.mime, data: b4a.toString(avatar.data, 'base64') } // any Uint8Array, not copied
      } else {
        next.avatar = avatar as { mime: string, data: string }
      }
    }
    await local.setProfile(next)
    await Promise.all(this.hooks.rooms().map(r => roomInternals(r).publishProfile()))
  }

  /** What this user noted about a member's key (local only, never replicated). */
  contact (key: string): { nickname: string | null, verified: boolean } {
    const noted = this.hooks.local.contact(key)
    return { nickname: noted?.nickname ?? null, verified: noted?.verified === true }
  }

  /**
   * Sets this user's nickname for a member's key, shown instead of the name they gave
   * themselves (null removes it). Local only: nobody else sees it. Emits 'contact' (key).
   */
  async setNickname (key: string, nickname: string | null): Promise<void> {
    assertKey(key)
    const nick = typeof nickname === 'string' ? wellFormed(nickname.trim()) : nickname
    if (nick !== null) {
      if (!isName(nick)) throw errors.badName('A nickname', LIMITS.nameChars)
      assertVisible('A nickname', nick)
    }
    await this.noteContact(key, { nickname: nick })
  }

  /**
   * Marks a member's key as verified (or not): do it after comparing its long fingerprint with
   * that person out of band (in person, on a call). Local only. Emits 'contact' (key).
   */
  async setVerified (key: string, verified: boolean): Promise<void> {
    assertKey(key)
    if (typeof verified !== 'boolean') throw errors.invalid('verified is true or false')
    await this.noteContact(key, { verified })
  }

  private async noteContact (key: string, change: { nickname?: string | null, verified?: boolean }): Promise<void> {
    const local = this.hooks.local
    const next = { ...local.contact(key) }
    if (change.nickname === null) delete next.nickname
    else if (change.nickname !== undefined) next.nickname = change.nickname
    if (change.verified === false) delete next.verified
    else if (change.verified === true) next.verified = true
    await local.setContact(key, next)
    this.hooks.contactChanged(key)
  }
}

function assertKey (key: unknown): asserts key is string {
  if (!isHex32(key)) throw errors.invalid('A member is named by their key: 64 hex characters')
}

/** Names shown to others may not hold characters that hide or reorder text (views/names.ts). */
function assertVisible (what: string, name: string): void {
  const hidden = hiddenIn(name)
  if (hidden.length > 0) throw errors.invalid(`${what} cannot hold invisible or direction-changing characters (${describeHidden(hidden)})`)
}
