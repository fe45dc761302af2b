import { LitElement, css, html, nothing } from 'lit'
import type { AppStore } from '../store.js'
import { StoreController } from '../controllers/store-controller.js'
import type { NotifyLevel } from '../types.js'
import { controls } from './shared-styles.js'

const NAMES: Record<NotifyLevel, string> = { all: 'All messages', mentions: 'Mentions only', never: 'Never' }
const LEVELS: NotifyLevel[] = ['all', 'mentions', 'never']

/**
 * When this node raises desktop notifications: for one room (`room` set: its own level, or the
 * overall one) or overall (no `room`). Overall, it also offers to enable them in the browser
 * (the permission is asked only from this click or a change of level, never at load), and
 * turns typing indicators on or off on this device ("Typing", both ways).
 */
export class LuNotifySettings extends LitElement {
  static override properties = {
    store: { attribute: false },
    room: { type: String }
  }

  declare store: AppStore
  declare room: string | null
  private ctl: StoreController | undefined

  override connectedCallback (): void {
    this.ctl ??= new StoreController(this, this.store)
    super.connectedCallback()
  }

  constructor () {
    super()
    this.room = null
  }

  static override styles = [controls, css`
    :host { display: inline-flex; flex-wrap: wrap; align-items: center; gap: 4px 8px; font-size: 13px; }
    select { font: inherit; border-radius: 8px; padding: 5px 8px; border: 1px solid var(--lu-border); background: var(--lu-bg); color: var(--lu-text); }
    button { font-size: 12px; padding: 5px 8px; }
    label { display: inline-flex; align-items: center; gap: 4px; cursor: pointer; }
    small { color: var(--lu-text-muted); }
  `]

  // A select the user changed keeps its choice whatever the options' `selected` say: set its
  // value after each render, so another room's level shows when the room changes.
  protected override updated (): void {
    const select = this.renderRoot.querySelector('select')
    if (select === null) return
    select.value = this.room === null ? this.store.notify?.all ?? 'mentions' : this.store.notify?.rooms[this.room] ?? 'default'
  }

  private async change (e: Event): Promise<void> {
    const value = (e.target as HTMLSelectElement).value
    await this.store.setNotify(value === 'default' ? null : value as NotifyLevel, this.room ?? undefined)
  }

  override render () {
    const s = this.store
    const overall = s.notify?.all ?? 'mentions'
    if (this.room === null) {
      const p = s.permission
      return html`
        <select aria-label="Notifications (all rooms)" @change=${this.change}>
          ${LEVELS.map(l => html`<option value=${l} ?selected=${l === overall}>${NAMES[l]}</option>`)}
        </select>
        ${p === 'default' ? html`<button type="button" @click=${() => { void s.enableNotifications() }}>Enable desktop notifications</button>` : nothing}
        ${p === 'denied' ? html`<small>(blocked by the browser)</small>` : nothing}
        <label title="Off: others do not see you typing, and you do not see them"><input type="checkbox" .checked=${s.typingOn}
          @change=${(e: Event) => { void s.setTypingOn((e.target as HTMLInputElement).checked) }}> Typing indicators</label>`
    }
    const own = s.notify?.rooms[this.room] ?? null
    return html`
      <select aria-label="Notifications for this room" @change=${this.change}>
        <option value="default" ?selected=${own === null}>Default (${NAMES[overall]})</option>
        ${LEVELS.map(l => html`<option value=${l} ?selected=${l === own}>${NAMES[l]}</option>`)}
      </select>`
  }
}

customElements.define('lu-notify-settings', LuNotifySettings)
declare global { interface HTMLElementTagNameMap { 'lu-notify-settings': LuNotifySettings } }
