import { LitElement, css, html, nothing } from 'lit'
import type { AppStore } from '../store.js'
import { StoreController } from '../controllers/store-controller.js'
import { DEFAULT_INVITE, madeText } from '../invite-options.js'
import { controls } from './shared-styles.js'
import type { Notice } from './lu-notice.js'
import './lu-status.js'
import './lu-notify-settings.js'

/** A panel beside the log that the header's buttons show or hide. */
export type RoomPanel = 'members' | 'seeders'

/**
 * The room view's header: the open room's name and status, its notification level, and the
 * buttons for its panels, its invites and a new invite to copy; with no room open, a welcome.
 * @fires lu-toggle-panel - RoomPanel: the user pressed Members or Seeders
 * @fires lu-show-invites - the user asked for the room's invites
 * @fires lu-notice - Notice: an invite made and copied, or why it was not
 */
export class LuRoomHeader extends LitElement {
  static override properties = {
    store: { attribute: false },
    showMembers: { type: Boolean },
    showSeeders: { type: Boolean }
  }

  declare store: AppStore
  /** Whether the Members panel is shown (the button is pressed). */
  declare showMembers: boolean
  /** Whether the Seeders panel is shown (the button is pressed). */
  declare showSeeders: boolean
  private ctl: StoreController | undefined

  constructor () {
    super()
    this.showMembers = false
    this.showSeeders = false
  }

  override connectedCallback (): void {
    this.ctl ??= new StoreController(this, this.store)
    super.connectedCallback()
  }

  private emit<T> (type: string, detail?: T): void {
    this.dispatchEvent(new CustomEvent<T | undefined>(type, { detail, bubbles: true, composed: true }))
  }

  private async invite (): Promise<void> {
    const room = this.store.active
    if (room === null) return
    try {
      const { invite: text } = await this.store.api.createInvite(room, DEFAULT_INVITE)
      const copied = await navigator.clipboard.writeText(text).then(() => true, () => false)
      this.emit<Notice>('lu-notice', { kind: 'invite', text, copied, about: madeText(DEFAULT_INVITE, Date.now()) })
    } catch (err) {
      this.emit<Notice>('lu-notice', { kind: 'error', text: (err as Error).message })
    }
  }

  static override styles = [controls, css`
    :host { display: block; }
    header { display: flex; align-items: center; gap: 14px; padding: 12px 20px; border-bottom: 1px solid var(--lu-border); min-height: 60px; }
    .title { display: flex; flex-direction: column; min-width: 0; flex: 1; }
    h1 { margin: 0; font-size: 17px; font-weight: 800; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
    h1 span { color: var(--lu-text-muted); font-weight: 600; margin-right: 2px; }
    button.ghost[aria-pressed=true] { background: var(--lu-bg-hover); }
  `]

  override render () {
    const s = this.store
    const r = s.room
    if (r === undefined) {
      return html`<header><div class="title"><h1>Welcome${s.profile != null ? `, ${s.profile.name}` : ''}</h1>
        <lu-status .link=${s.link} .status=${undefined}></lu-status></div></header>`
    }
    return html`
      <header>
        <div class="title">
          <h1><span aria-hidden="true">#</span>${r.summary.alias}</h1>
          <lu-status .link=${s.link} .status=${r.summary.status}></lu-status>
        </div>
        <lu-notify-settings .store=${s} room=${r.summary.id}></lu-notify-settings>
        <button type="button" class="ghost" aria-pressed=${this.showMembers ? 'true' : 'false'} @click=${() => { this.emit<RoomPanel>('lu-toggle-panel', 'members') }}>Members</button>
        <button type="button" class="ghost" aria-pressed=${this.showSeeders ? 'true' : 'false'} @click=${() => { this.emit<RoomPanel>('lu-toggle-panel', 'seeders') }}>Seeders</button>
        ${r.summary.mayInvite // offered only to who may invite here (Room.mayInvite): never a removed member
          ? html`<button type="button" class="ghost" @click=${() => { this.emit('lu-show-invites') }}>Invites</button>
            <button type="button" class="ghost" @click=${() => { void this.invite() }}>Copy invite</button>`
          : nothing}
      </header>`
  }
}

customElements.define('lu-room-header', LuRoomHeader)
declare global { interface HTMLElementTagNameMap { 'lu-room-header': LuRoomHeader } }
