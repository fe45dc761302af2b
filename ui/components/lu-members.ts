import { LitElement, css, html, nothing, type PropertyValues } from 'lit'
import { repeat } from 'lit/directives/repeat.js'
import type { AppStore } from '../store.js'
import { StoreController } from '../controllers/store-controller.js'
import type { Member } from '../types.js'
import { nameStyles, nameTemplate, nameText } from '../identity.js'
import { controls } from './shared-styles.js'
import type { LuMemberDialog, MemberActionDetail } from './lu-member-dialog.js'
import { ACTION_NAMES, allowedActions, type MenuAction } from '../member-actions.js'
import './lu-avatar.js'
import './lu-member-dialog.js'

/**
 * The member list of a room (a complementary landmark named "Members"): avatar, name with its
 * fingerprint and marks (ui/identity.ts), role badge, online or not, and for each member a
 * menu of what this user may do: a nickname, verifying their fingerprint, making or unmaking
 * an admin, handing over the room, removing them (each with a confirmation where it matters).
 * The members come from the store's MemberDirectory.
 */
export class LuMembers extends LitElement {
  static override properties = {
    store: { attribute: false },
    room: { type: String },
    open: { state: true },
    error: { state: true }
  }

  declare store: AppStore
  declare room: string
  /** The key whose menu is open, or null. */
  declare open: string | null
  declare error: string | null
  private readonly onChange = (e: Event): void => { if ((e as CustomEvent<string>).detail === this.room) this.requestUpdate() }

  constructor () {
    super()
    this.room = ''
    this.open = null
    this.error = null
  }

  private ctl: StoreController | undefined

  override connectedCallback (): void {
    this.ctl ??= new StoreController(this, this.store) // this user's role, and a removal, come with the room's summary
    super.connectedCallback()
    this.store.directory.addEventListener('change', this.onChange)
  }

  override disconnectedCallback (): void {
    super.disconnectedCallback()
    this.store.directory.removeEventListener('change', this.onChange)
  }

  protected override willUpdate (changed: PropertyValues<this>): void {
    if (changed.has('room')) { this.open = null; this.error = null }
  }

  private get summary () {
    return this.store.rooms.find(r => r.summary.id === this.room)?.summary
  }

  private async act (action: MenuAction, m: Member): Promise<void> {
    this.open = null
    if (action === 'promote' || action === 'demote') {
      await this.run(() => this.store.api.setRole(this.room, m.key, action === 'promote' ? 'admin' : 'member'))
      return
    }
    this.renderRoot.querySelector<LuMemberDialog>('lu-member-dialog')?.open(action, m)
  }

  private readonly confirmed = async (e: CustomEvent<MemberActionDetail>): Promise<void> => {
    const { action, member, nickname, verified } = e.detail
    const api = this.store.api
    if (action === 'remove') await this.run(() => api.removeMember(this.room, member.key))
    if (action === 'transfer') await this.run(() => api.transferOwnership(this.room, member.key))
    if (action === 'nickname') await this.run(async () => { await api.setContact(member.key, { nickname: nickname ?? null }) })
    if (action === 'verify') await this.run(async () => { await api.setContact(member.key, { verified: verified === true }) })
  }

  private async run (f: () => Promise<unknown>): Promise<void> {
    try {
      this.error = null
      await f()
      await this.store.directory.refresh(this.room)
    } catch (err) {
      this.error = (err as Error).message
    }
  }

  static override styles = [controls, nameStyles, css`
    :host { display: block; width: 272px; border-left: 1px solid var(--lu-border); background: var(--lu-bg-soft); overflow-y: auto; }
    h2 { font-size: 12px; text-transform: uppercase; letter-spacing: 0.06em; color: var(--lu-text-muted); margin: 16px 16px 8px; }
    ul { list-style: none; margin: 0; padding: 0 8px 16px; }
    li { position: relative; display: flex; align-items: center; gap: 10px; padding: 6px 4px 6px 8px; border-radius: 8px; }
    li:hover { background: var(--lu-bg-hover); }
    li.offline .who, li.offline .name { opacity: 0.55; }
    .who { position: relative; flex: none; }
    lu-avatar { width: 32px; height: 32px; --lu-avatar-font: 12px; }
    .dot { position: absolute; right: -2px; bottom: -2px; width: 11px; height: 11px; border-radius: 50%; border: 2px solid var(--lu-bg-soft); background: var(--lu-text-muted); }
    .dot.on { background: var(--lu-ok); }
    .name { flex: 1; min-width: 0; display: flex; flex-direction: column; font-size: 14px; font-weight: 600; }
    .name .lu-name { flex-wrap: wrap; }
    .badge { flex: none; font-size: 10.5px; font-weight: 700; color: var(--lu-accent); background: var(--lu-accent-soft); border-radius: 5px; padding: 1px 6px; }
    button.more { flex: none; padding: 2px 7px; font-size: 16px; line-height: 1; }
    [role=menu] { position: absolute; right: 6px; top: 38px; z-index: 5; display: flex; flex-direction: column; min-width: 180px; padding: 4px;
      background: var(--lu-bg); border: 1px solid var(--lu-border); border-radius: 10px; box-shadow: var(--lu-shadow); }
    [role=menu] button { text-align: left; background: transparent; color: var(--lu-text); font-weight: 500; padding: 7px 10px; }
    [role=menu] button:hover { background: var(--lu-bg-hover); }
    [role=menu] button.danger { color: var(--lu-danger); }
    .error { margin: 0 16px 8px; }
  `]

  private renderMenu (m: Member, actions: ReturnType<typeof allowedActions>) {
    return html`<div role="menu" aria-label=${'Actions for ' + nameText(m)}>
      ${actions.map(a => html`<button type="button" role="menuitem" class=${a === 'remove' || a === 'transfer' ? 'danger' : ''}
        @click=${() => { void this.act(a, m) }}>${ACTION_NAMES[a]}${a === 'remove' || a === 'transfer' ? '…' : ''}</button>`)}
    </div>`
  }

  override render () {
    const summary = this.summary
    const me = { key: summary?.identityKey, role: summary?.role ?? null }
    const members = this.room === '' ? [] : this.store.directory.members(this.room)
    return html`
      <aside aria-label="Members">
        <h2>Members — ${members.length}</h2>
        ${this.error !== null ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
        <ul @keydown=${(e: KeyboardEvent) => { if (e.key === 'Escape') this.open = null }}>
          ${repeat(members, m => m.key, m => {
            const you = m.key === me.key
            const online = m.online || you
            const actions = summary?.removed === true ? [] : allowedActions(me, m)
            return html`<li class=${online ? '' : 'offline'}>
              <span class="who"><lu-avatar name=${m.nickname ?? m.name ?? ''} user-key=${m.key} room=${this.room} .avatars=${this.store.avatars}></lu-avatar>
                <span class="dot ${online ? 'on' : ''}" aria-hidden="true"></span></span>
              <span class="name">${nameTemplate(m, { you })}</span>
              ${m.role !== 'member' ? html`<span class="badge">${m.role}</span>` : nothing}
              <span class="sr-only">${online ? 'online' : 'offline'}</span>
              ${actions.length > 0
                ? html`<button type="button" class="icon more" aria-haspopup="menu" aria-expanded=${this.open === m.key ? 'true' : 'false'}
                    aria-label=${'Actions for ' + nameText(m)} @click=${() => { this.open = this.open === m.key ? null : m.key }}>⋯</button>`
                : nothing}
              ${this.open === m.key ? this.renderMenu(m, actions) : nothing}
            </li>`
          })}
        </ul>
      </aside>
      <lu-member-dialog @lu-member-action=${this.confirmed}></lu-member-dialog>`
  }
}

customElements.define('lu-members', LuMembers)
declare global { interface HTMLElementTagNameMap { 'lu-members': LuMembers } }
