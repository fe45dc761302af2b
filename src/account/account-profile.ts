// The profile one person's devices share (docs/architecture.md §16): set on one device, it goes
// to the account base; changed there by another device, it is taken here. ClientAccount's
// profileSet and its follow on each account update, behind one-line calls.
import type { AccountBase } from './account-base.js'
import type { AccountProfile } from './account-keys.js'

export interface ProfileHost {
  /** The local profile. */
  profile: () => AccountProfile | null
  /** The account's profile changed on another device: take it here (without writing it back). */
  takeProfile: (profile: { name: string, avatar: { mime: string, data: Uint8Array } | null }) => Promise<void>
}

export class AccountProfileSync {
  /** The account's profile as last seen (JSON): only a change there is taken here. */
  private seenProfile: string | null = null
  private readonly host: ProfileHost

  constructor (host: ProfileHost) {
    this.host = host
  }

  /** The profile the account base holds now counts as seen. */
  async seen (base: AccountBase): Promise<void> {
    const profile = await base.profile()
    this.seenProfile = profile === null ? null : JSON.stringify(profile)
  }

  /** The profile set here goes to the account (the other devices take it). */
  async set (account: AccountBase | null, profile: AccountProfile): Promise<void> {
    if (account === null || !account.writable || account.removed) return
    const current = await account.profile()
    if (current !== null && sameProfile(current, profile)) return
    this.seenProfile = JSON.stringify(profile)
    await account.append({ type: 'profile-set', v: 1, ...profile })
  }

  // The account's profile changed (on another device): take it here.
  async follow (account: AccountBase | null): Promise<void> {
    const profile = await account?.profile() ?? null
    if (profile === null) return
    const seen = JSON.stringify(profile)
    if (seen === this.seenProfile) return
    this.seenProfile = seen
    const local = this.host.profile()
    if (local === null || !sameProfile(local, profile)) await this.take(profile)
  }

  async take (p: AccountProfile): Promise<void> {
    await this.host.takeProfile({ name: p.name, avatar: p.avatar === undefined ? null : { mime: p.avatar.mime, data: Buffer.from(p.avatar.data, 'base64') } })
  }
}

function sameProfile (a: AccountProfile, b: AccountProfile): boolean {
  return a.name === b.name && a.avatar?.mime === b.avatar?.mime && a.avatar?.data === b.avatar?.data
}
