import { LitElement, css, html } from 'lit'
import { repeat } from 'lit/directives/repeat.js'
import { StoreController } from '../controllers/store-controller.js'
import type { AppStore } from '../store.js'
import { controls } from './shared-styles.js'
import './lu-avatar.js'
import './lu-room-form.js'
import './lu-joins.js'
import './lu-search.js'
import './lu-notify-settings.js'

/**
 * The left column: the room list (a navigation landmark named "Rooms") with unread counts,
 * creating and joining rooms, and this user's profile at the bottom.
 * @fires lu-edit-profile - the user asked to edit their profile
 * @fires lu-devices - the user asked to see their devices (and link one)
 */
export class LuSidebar extends LitElement {
  static override properties = {
    store: { attribute: false },
    form: { state: true }
  }

  declare store: AppStore
  declare form: 'create' | 'join' | null
  private ctl: StoreController | undefined

  constructor () {
    super()
    this.form = null
  }

  override connectedCallback (): void {
    this.ctl ??= new StoreController(this, this.store)
    super.connectedCallback()
  }

  static override styles = [controls, css`
    :host {
      display: flex; flex-direction: column; min-height: 0; height: 100%;
      background: var(--lu-side-bg); color: var(--lu-side-text);
      border-right: 1px solid var(--lu-side-border);
    }
    .brand { display: flex; align-items: center; gap: 10px; padding: 18px 18px 12px; font-weight: 800; font-size: 18px; letter-spacing: -0.01em; }
    .brand img { width: 26px; height: 26px; }
    .section { display: flex; align-items: center; justify-content: space-between; padding: 12px 18px 6px; color: var(--lu-side-muted); font-size: 12px; font-weight: 700; text-transform: uppercase; letter-spacing: 0.06em; }
    nav { flex: 1; overflow-y: auto; padding: 0 10px; }
    ul { list-style: none; margin: 0; padding: 0; display: grid; gap: 2px; }
    nav button {
      width: 100%; display: flex; align-items: center; gap: 8px; text-align: left;
      background: transparent; color: var(--lu-side-muted); border: 0; border-radius: 8px; padding: 7px 10px; font-weight: 500; font-size: 15px;
    }
    nav button:hover { background: var(--lu-side-hover); color: var(--lu-side-text); }
    nav button[aria-current=page] { background: var(--lu-side-active); color: #fff; }
    nav button.unread { color: var(--lu-side-text); font-weight: 700; }
    .hash { opacity: 0.6; font-weight: 600; }
    .name { flex: 1; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    .badge { background: #e5484d; color: #fff; border-radius: 999px; font-size: 11px; font-weight: 800; padding: 1px 7px; min-width: 20px; text-align: center; }
    .badge.quiet { background: rgb(255 255 255 / 22%); }
    .dot { width: 8px; height: 8px; border-radius: 50%; background: transparent; flex: none; }
    .dot.on { background: #3dd68c; }
    .actions { display: flex; gap: 6px; padding: 10px 18px; }
    .actions button { flex: 1; background: var(--lu-side-hover); color: var(--lu-side-text); font-size: 13px; padding: 7px 8px; }
    .actions button:hover { background: var(--lu-side-active); }
    lu-room-form { margin: 0 12px 10px; }
    .notify lu-notify-settings { flex: 1; min-width: 0; }
    .notify small { color: var(--lu-side-muted); }
    .notify { display: flex; flex-wrap: nowrap; align-items: center; gap: 8px; padding: 8px 14px; border-top: 1px solid var(--lu-side-border); color: var(--lu-side-muted); font-size: 13px; }
    .me { display: flex; align-items: center; gap: 10px; padding: 12px 14px; border-top: 1px solid var(--lu-side-border); }
    .me .who { flex: 1; min-width: 0; }
    .me .who div { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; font-weight: 600; }
    .me .who small { color: var(--lu-side-muted); }
    .me button { background: transparent; color: var(--lu-side-muted); border: 0; padding: 7px; display: grid; place-items: center; }
    .me button:hover { background: var(--lu-side-hover); color: var(--lu-side-text); }
    .empty { color: var(--lu-side-muted); font-size: 13px; padding: 6px 10px; }
  `]

  private toggle (form: 'create' | 'join'): void {
    this.form = this.form === form ? null : form
  }

  override render () {
    const s = this.store
    const me = s.profile
    return html`
      <div class="brand"><img src="/favicon.svg" alt="">LinkUp</div>
      <lu-search .store=${s}></lu-search>
      <div class="section"><span id="rooms-label">Rooms</span></div>
      <nav aria-label="Rooms">
        <ul>
          ${repeat(s.rooms, r => r.summary.id, r => html`
            <li>
              <button class=${r.unread > 0 ? 'unread' : ''} aria-current=${s.active === r.summary.id ? 'page' : 'false'}
                @click=${() => s.select(r.summary.id)}>
                <span class="hash" aria-hidden="true">#</span>
                <span class="name">${r.summary.alias}</span>
                <span class="dot ${r.summary.status.peers > 0 ? 'on' : ''}" title=${r.summary.status.peers > 0 ? 'peers online' : 'no peers online'}></span>
                ${r.mentions > 0 ? html`<span class="badge mention" aria-label="${r.mentions} ${r.mentions === 1 ? 'mention' : 'mentions'}">@${r.mentions > 99 ? '99+' : r.mentions}</span>` : ''}
                ${r.unread > 0 ? html`<span class="badge ${r.mentions > 0 ? '' : 'quiet'}" aria-label="${r.unread} unread">${r.unread > 99 ? '99+' : r.unread}</span>` : ''}
              </button>
            </li>`)}
        </ul>
        ${s.rooms.length === 0 && s.joins.length === 0 ? html`<div class="empty">No rooms yet.</div>` : ''}
        <lu-joins .store=${s}></lu-joins>
      </nav>
      <div class="actions">
        <button type="button" aria-expanded=${this.form === 'create'} @click=${() => this.toggle('create')}>+ New room</button>
        <button type="button" aria-expanded=${this.form === 'join'} @click=${() => this.toggle('join')}>Join room</button>
      </div>
      ${this.form !== null ? html`<lu-room-form .store=${s} mode=${this.form} @lu-done=${() => { this.form = null }}></lu-room-form>` : ''}
      <div class="notify"><span>Notify</span><lu-notify-settings .store=${s}></lu-notify-settings></div>
      <div class="me">
        <lu-avatar name=${me?.name ?? '?'} .src=${me?.avatar != null ? `data:${me.avatar.mime};base64,${me.avatar.data}` : null}></lu-avatar>
        <div class="who"><div>${me?.name ?? ''}</div><small>${s.link === 'live' ? 'online' : s.link === 'connecting' ? 'connecting…' : 'node unreachable'}</small></div>
        <button type="button" aria-label="Your devices" title="Your devices" @click=${() => this.dispatchEvent(new CustomEvent('lu-devices', { bubbles: true, composed: true }))}>
          <svg viewBox="0 0 20 20" width="16" height="16" aria-hidden="true"><path fill="currentColor" d="M2 4.5A1.5 1.5 0 0 1 3.5 3h10A1.5 1.5 0 0 1 15 4.5V6h-1.5V4.5h-10v7H10V13H3.5A1.5 1.5 0 0 1 2 11.5v-7zM12 8a1 1 0 0 1 1-1h4a1 1 0 0 1 1 1v8a1 1 0 0 1-1 1h-4a1 1 0 0 1-1-1V8zm1.5.5v6h3v-6h-3zM5 14.5h5V16H5z"/></svg></button>
        <button type="button" aria-label="Edit profile" title="Edit profile" @click=${() => this.dispatchEvent(new CustomEvent('lu-edit-profile', { bubbles: true, composed: true }))}>
          <svg viewBox="0 0 20 20" width="16" height="16" aria-hidden="true"><path fill="currentColor" d="M13.6 2.6a2 2 0 0 1 2.8 0l1 1a2 2 0 0 1 0 2.8l-9.9 9.9-4.2 1.4 1.4-4.2 8.9-8.9zM12.2 5.4l-7 7-.6 1.9 1.9-.6 7-7-1.3-1.3z"/></svg></button>
      </div>`
  }
}

customElements.define('lu-sidebar', LuSidebar)
declare global { interface HTMLElementTagNameMap { 'lu-sidebar': LuSidebar } }
