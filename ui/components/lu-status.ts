import { LitElement, css, html } from 'lit'
import type { Link } from '../store.js'
import type { RoomStatus } from '../types.js'

const UNSIGNED_MS = 10_000

/** Words for the connection state of a room: peers online, connecting, history syncing. */
export function describe (link: Link, s: RoomStatus | undefined, unsignedLong = false): { text: string, tone: 'ok' | 'wait' | 'off' } {
  if (link === 'offline') return { text: 'Local node unreachable — reconnecting…', tone: 'off' }
  if (link === 'connecting') return { text: 'Connecting…', tone: 'wait' }
  if (s === undefined) return { text: 'Your node is running', tone: 'ok' }
  if (s.opening) return { text: 'Opening the room…', tone: 'wait' }
  const parts: string[] = []
  let tone: 'ok' | 'wait' | 'off' = 'ok'
  if (s.peers > 0) parts.push(`${s.peers} ${s.peers === 1 ? 'peer' : 'peers'} online`)
  else if (s.connecting > 0) { parts.push('connecting to peers…'); tone = 'wait' } else { parts.push('no peers online'); tone = 'off' }
  if (s.seeders > 0) parts.push(`kept by ${s.seeders} ${s.seeders === 1 ? 'seeder' : 'seeders'}`)
  if (s.behind) { parts.push(`syncing history ${Math.round(Math.min(1, Math.max(0, s.progress)) * 100)}%`); tone = 'wait' }
  // Signing lags a little behind every write; say so only when it stays behind (owner away).
  if (!s.signed && unsignedLong) parts.push('order not yet confirmed by the signers')
  const text = parts.join(' · ')
  return { text: text.charAt(0).toUpperCase() + text.slice(1), tone }
}

/** The status region (role="status"): this room's peers and sync state, announced politely. */
export class LuStatus extends LitElement {
  static override properties = {
    link: { type: String },
    status: { attribute: false }
  }

  declare link: Link
  declare status: RoomStatus | undefined
  private unsignedSince: number | null = null
  private timer: ReturnType<typeof setTimeout> | undefined

  constructor () {
    super()
    this.link = 'connecting'
    this.status = undefined
  }

  static override styles = css`
    :host { display: inline-flex; min-width: 0; }
    div { display: inline-flex; align-items: center; gap: 7px; color: var(--lu-text-muted); font-size: 13px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
    i { width: 8px; height: 8px; border-radius: 50%; flex: none; }
    .ok i { background: var(--lu-ok); box-shadow: 0 0 0 3px color-mix(in srgb, var(--lu-ok) 25%, transparent); }
    .wait i { background: var(--lu-warn); animation: pulse 1.2s ease-in-out infinite; }
    .off i { background: var(--lu-text-muted); }
    progress { width: 70px; height: 6px; }
    @keyframes pulse { 50% { opacity: 0.35; } }
  `

  override disconnectedCallback (): void {
    super.disconnectedCallback()
    clearTimeout(this.timer)
  }

  private unsignedLong (): boolean {
    if (this.status === undefined || this.status.signed) {
      this.unsignedSince = null
      return false
    }
    this.unsignedSince ??= Date.now()
    const left = UNSIGNED_MS - (Date.now() - this.unsignedSince)
    clearTimeout(this.timer)
    if (left > 0) this.timer = setTimeout(() => this.requestUpdate(), left)
    return left <= 0
  }

  override render () {
    const { text, tone } = describe(this.link, this.status, this.unsignedLong())
    const syncing = this.status?.behind === true
    return html`<div role="status" class=${tone}><i aria-hidden="true"></i><span>${text}</span>
      ${syncing ? html`<progress max="1" .value=${this.status?.progress ?? 0} aria-label="History sync"></progress>` : ''}</div>`
  }
}

customElements.define('lu-status', LuStatus)
declare global { interface HTMLElementTagNameMap { 'lu-status': LuStatus } }
