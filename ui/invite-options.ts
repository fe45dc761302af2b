// Choices when making an invite, and how a live invite is described. Pure: no DOM, no network,
// so it is unit tested (test/ui/invite-options.test.ts). The clock is an argument.
import type { CreateInviteBody, LiveInvite } from './types.js'

const HOUR = 3_600_000
const DAY = 24 * HOUR

/** The expiries the UI offers: the words ~invite takes, and the labels of the invite dialog. */
export const EXPIRIES = [
  { word: '1h', label: '1 hour', ms: HOUR },
  { word: '1d', label: '1 day', ms: DAY },
  { word: '7d', label: '7 days', ms: 7 * DAY },
  { word: 'never', label: 'Never', ms: null }
] as const

/** What a quick invite (the header's "Copy invite", a bare ~invite) makes: 7 days, any number of uses. */
export const DEFAULT_INVITE: CreateInviteBody = { expiresInMs: 7 * DAY }

export const INVITE_USAGE = 'Usage: ~invite [1h|1d|7d|never] [once]'

/** The options of `~invite 1d once`: an expiry word and/or "once"; null if anything else is there. */
export function parseInviteArgs (arg: string): CreateInviteBody | null {
  const words = arg.toLowerCase().split(/\s+/).filter(w => w !== '')
  const opts: CreateInviteBody = { ...DEFAULT_INVITE }
  let expiry = false
  for (const w of words) {
    const e = EXPIRIES.find(x => x.word === w)
    if (e !== undefined && !expiry) {
      expiry = true
      if (e.ms === null) delete opts.expiresInMs
      else opts.expiresInMs = e.ms
    } else if (w === 'once' && opts.uses === undefined) {
      opts.uses = 1
    } else {
      return null
    }
  }
  return opts
}

/** "expires in 6 days", "expires in 40 minutes", "never expires". */
export function expiryText (expires: number | null, now: number): string {
  if (expires === null) return 'never expires'
  const left = expires - now
  if (left <= 0) return 'expired'
  if (left >= 2 * DAY) return `expires in ${Math.floor(left / DAY)} days`
  if (left >= 2 * HOUR) return `expires in ${Math.floor(left / HOUR)} hours`
  return `expires in ${Math.max(1, Math.floor(left / 60_000))} minutes`
}

/** "1 use left", "3 uses left", "no limit on uses". */
export function usesText (invite: Pick<LiveInvite, 'usesLeft'>): string {
  if (invite.usesLeft === null) return 'no limit on uses'
  return invite.usesLeft === 1 ? '1 use left' : `${invite.usesLeft} uses left`
}

/** What a made invite says about itself in the notice that shows it. */
export function madeText (opts: CreateInviteBody, now: number): string {
  const expiry = expiryText(opts.expiresInMs === undefined ? null : now + opts.expiresInMs, now)
  return `${opts.uses === 1 ? 'single use' : 'any number of uses'}, ${expiry}`
}
