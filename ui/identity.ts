// How a person is shown wherever a name appears (docs/architecture.md §12): the name (or this
// user's nickname for them) isolated from the text around it, a short fingerprint of their key
// on a colour of its own, and marks for a verified key, a name that looks like another
// member's, and a name that had hidden characters. One template for the message log, the
// member list, ~remove and mentions: render `nameTemplate(...)` and include `nameStyles`.
//
// It renders into the caller's shadow root (no element of its own), so the name is part of the
// caller's text: an article labelled by its author reads "alice · 5495".
import { css, html, nothing, unsafeCSS, type TemplateResult } from 'lit'
import { fingerprint as shortFingerprint, keyHue } from '../views/names.js'
import type { Member } from './types.js'

/** What nameTemplate needs: a member from the directory, or just a key and a name (a message's author). */
export interface Shown {
  key: string
  name: string | null
  fingerprint?: string
  lookalikes?: readonly string[]
  hiddenCharacters?: boolean
  nickname?: string | null
  verified?: boolean
}

/**
 * The author of a message, with what the directory knows of them when it does. Either object
 * is stable between renders (a member until the directory reloads, else the message's own
 * author), so a message re-renders only when what it shows changed.
 */
export function shownAuthor (author: { key: string, name: string }, member: Member | undefined): Shown {
  return member ?? author
}

/** The words a person reads: the nickname (or name) and the fingerprint, "alice · 5495". */
export function nameText (who: Shown): string {
  return `${who.nickname ?? who.name ?? 'peer-' + who.key.slice(0, 6)} · ${who.fingerprint ?? shortFingerprint(who.key)}`
}

function title (who: Shown): string {
  const lines = [`Key ${who.key.slice(0, 16)}…`]
  if (who.nickname != null) lines.push(`Your nickname for them; they call themselves "${who.name ?? '(no name)'}"`)
  if (who.verified === true) lines.push('You verified this key')
  if ((who.lookalikes?.length ?? 0) > 0) lines.push('Another member\'s name looks the same: tell them apart by the fingerprint')
  if (who.hiddenCharacters === true) lines.push('Their name had invisible or direction-changing characters, removed here')
  return lines.join('\n')
}

/** A person's name as shown everywhere; `you` adds "you". */
export function nameTemplate (who: Shown, opts: { you?: boolean } = {}): TemplateResult {
  const lookalike = (who.lookalikes?.length ?? 0) > 0
  const name = who.nickname ?? who.name ?? 'peer-' + who.key.slice(0, 6)
  return html`<span class="lu-name" title=${title(who)}><bdi class="lu-name-text ${who.nickname != null ? 'nick' : ''}">${name}</bdi><span
    class="lu-fp hue${hueClass(who.key)}"><span class="lu-sep"> · </span>${who.fingerprint ?? shortFingerprint(who.key)}</span>${
    who.verified === true ? html`<span class="lu-mark ok" aria-label="verified" role="img">✓</span>` : nothing}${
    lookalike ? html`<span class="lu-mark warn">same name</span>` : nothing}${
    who.hiddenCharacters === true ? html`<span class="lu-mark warn">hidden characters</span>` : nothing}${
    opts.you === true ? html` <small class="lu-you">you</small>` : nothing}</span>`
}

// The key's colour as one of 24 classes (the CSP allows no inline style attribute).
const HUES = 24
const hueClass = (key: string): number => Math.floor(keyHue(key) / (360 / HUES))
const hueRules = unsafeCSS(Array.from({ length: HUES }, (_, i) => `.lu-fp.hue${i} { --lu-hue: ${i * (360 / HUES)}; }`).join('\n'))

export const nameStyles = css`
  ${hueRules}
  .lu-name { display: inline-flex; align-items: baseline; gap: 4px; min-width: 0; max-width: 100%; }
  .lu-name-text { flex: 0 1 auto; min-width: 3ch; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; unicode-bidi: isolate; }
  .lu-name-text.nick { font-style: italic; }
  .lu-fp { flex: none; font-family: var(--lu-mono); font-size: 0.82em; font-weight: 600; white-space: nowrap;
    color: hsl(var(--lu-hue) 55% 40%); }
  .lu-sep { font-family: var(--lu-font, inherit); color: var(--lu-text-muted); }
  .lu-fp .lu-sep::after { content: ""; display: inline-block; width: 0.6em; height: 0.6em; border-radius: 50%; margin: 0 0.3em 0 0.1em;
    background: hsl(var(--lu-hue) 65% 50%); vertical-align: 0.02em; }
  .lu-mark { flex: none; font-size: 0.72em; font-weight: 700; white-space: nowrap; border-radius: 4px; padding: 0 4px; }
  .lu-mark.ok { color: var(--lu-ok); }
  .lu-mark.warn { color: var(--lu-danger); background: var(--lu-danger-soft); }
  .lu-you { font-weight: 500; color: var(--lu-text-muted); }
  @media (prefers-color-scheme: dark) { .lu-fp { color: hsl(var(--lu-hue) 65% 70%); } }
`
