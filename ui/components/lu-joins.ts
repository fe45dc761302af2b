import { LitElement, css, html } from 'lit'
import { repeat } from 'lit/directives/repeat.js'
import { StoreController } from '../controllers/store-controller.js'
import { friendly } from '../api.js'
import { timeOf } from '../format.js'
import type { AppStore } from '../store.js'
import type { PendingJoin } from '../types.js'
import { controls } from './shared-styles.js'

/**
 * The joins under way, in the room list (src/server/joins.ts): each waits in the node for a
 * member of the room to come online and admit this device, which may take long; the user can
 * cancel it or go on meanwhile. A join that failed says why until it is dismissed; one that
 * succeeded becomes the room. Changes are announced politely (aria-live).
 */
export class LuJoins extends LitElement {
  static override properties = {
    store: { attribute: false },
    error: { state: true }
  }

  declare store: AppStore
  /** A cancel or dismiss the node refused. */
  declare error: string | null
  private ctl: StoreController | undefined

  constructor () {
    super()
    this.error = null
  }

  override connectedCallback (): void {
    this.ctl ??= new StoreController(this, this.store)
    super.connectedCallback()
  }

  static override styles = [controls, css`
    :host { display: block; }
    ul { list-style: none; margin: 4px 0 0; padding: 0; display: grid; gap: 4px; }
    li { display: grid; grid-template-columns: 1fr auto; align-items: center; gap: 2px 8px; padding: 7px 10px; border-radius: 8px; background: var(--lu-side-hover); font-size: 13px; }
    .what { font-weight: 600; color: var(--lu-side-text); overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    .why { grid-column: 1 / -1; color: var(--lu-side-muted); }
    li.failed .why { color: #ff9aa2; }
    .spinner { display: inline-block; width: 8px; height: 8px; border-radius: 50%; background: var(--lu-warn); margin-right: 6px; animation: pulse 1.2s ease-in-out infinite; }
    @keyframes pulse { 50% { opacity: 0.25; } }
    @media (prefers-reduced-motion: reduce) { .spinner { animation: none; } }
    button { background: transparent; color: var(--lu-side-text); border: 1px solid var(--lu-side-border); font-size: 12px; padding: 3px 8px; }
    button:hover { background: var(--lu-side-active); }
  `]

  private async cancel (join: PendingJoin): Promise<void> {
    this.error = null
    try {
      await this.store.cancelJoin(join.id)
    } catch (err) {
      this.error = (err as Error).message
    }
  }

  private row (join: PendingJoin) {
    const room = `room ${join.id.slice(0, 8)}`
    if (join.state === 'failed') {
      return html`<li class="failed">
        <span class="what">Could not join ${room}</span>
        <button type="button" aria-label="Dismiss: could not join ${room}" @click=${() => this.cancel(join)}>Dismiss</button>
        <span class="why">${friendly(join.error?.code ?? '', join.error?.message ?? 'The join failed')}</span>
      </li>`
    }
    return html`<li class="waiting">
      <span class="what"><span class="spinner" aria-hidden="true"></span>Joining ${room}…</span>
      <button type="button" aria-label="Cancel joining ${room}" @click=${() => this.cancel(join)}>Cancel</button>
      <span class="why">Waiting for a member to come online… (until ${timeOf(join.deadline)})</span>
    </li>`
  }

  override render () {
    const joins = this.store.joins
    return html`<div aria-live="polite">
      ${joins.length > 0 ? html`<ul aria-label="Joins">${repeat(joins, j => j.id, j => this.row(j))}</ul>` : ''}
      ${this.error !== null ? html`<div class="error" role="alert">${this.error}</div>` : ''}
    </div>`
  }
}

customElements.define('lu-joins', LuJoins)
declare global { interface HTMLElementTagNameMap { 'lu-joins': LuJoins } }
