import { LitElement, css, html, nothing } from 'lit'
import type { AppStore } from '../store.js'
import type { LiveInvite } from '../types.js'
import { RoomResource } from '../controllers/room-resource.js'
import { EXPIRIES, expiryText, madeText, usesText } from '../invite-options.js'
import { nameStyles, nameTemplate, nameText, shownAuthor } from '../identity.js'
import { timeOf, dayOf } from '../format.js'
import { controls } from './shared-styles.js'

/**
 * The room's invites, in a modal dialog named "Invites": make one (an expiry of 1 hour, 1 day,
 * 7 days or never; single use or not) and copy it; the live invites, who made them and when,
 * their expiry and uses left, each with "Revoke" for those allowed; and for the owner the
 * setting "Only admins can invite". Kept fresh by the 'access' events of the room.
 */
export class LuInvites extends LitElement {
  static override properties = {
    store: { attribute: false },
    room: { type: String },
    invites: { state: true },
    adminsOnly: { state: true },
    made: { state: true },
    error: { state: true },
    copied: { state: true }
  }

  declare store: AppStore
  declare room: string
  declare invites: LiveInvite[]
  declare adminsOnly: boolean
  declare made: { invite: string, text: string } | null
  declare error: string | null
  declare copied: boolean
  private readonly list = new RoomResource(this, {
    store: () => this.store,
    read: () => this.store.api.invites(this.room),
    reloadOn: (ev) => (ev.type === 'access' || ev.type === 'profile') && ev.room === this.room && this.isOpen,
    loaded: (reply) => { this.invites = reply.invites; this.adminsOnly = reply.adminsOnly },
    failed: (err) => { this.error = (err as Error).message }
  })

  constructor () {
    super()
    this.room = ''
    this.invites = []
    this.adminsOnly = false
    this.made = null
    this.error = null
    this.copied = false
  }

  private get dialog (): HTMLDialogElement | null { return this.renderRoot.querySelector('dialog') }
  get isOpen (): boolean { return this.dialog?.open === true }

  /** Opens the dialog and loads the room's live invites. */
  async show (): Promise<void> {
    this.made = null
    this.error = null
    await this.updateComplete
    this.dialog?.showModal()
    await this.load()
  }

  private load (): Promise<void> {
    return this.list.load()
  }

  private async create (e: Event): Promise<void> {
    e.preventDefault()
    const form = e.target as HTMLFormElement
    const expiry = EXPIRIES.find(x => x.word === (form.elements.namedItem('expiry') as HTMLSelectElement).value) ?? EXPIRIES[2]
    const once = (form.elements.namedItem('once') as HTMLInputElement).checked
    const opts = { ...(expiry.ms === null ? {} : { expiresInMs: expiry.ms }), ...(once ? { uses: 1 } : {}) }
    try {
      this.error = null
      const { invite } = await this.store.api.createInvite(this.room, opts)
      this.made = { invite, text: madeText(opts, Date.now()) }
      this.copied = await navigator.clipboard.writeText(invite).then(() => true, () => false)
      await this.load()
    } catch (err) {
      this.error = (err as Error).message
    }
  }

  private async revoke (id: string): Promise<void> {
    try {
      this.error = null
      await this.store.api.revokeInvite(this.room, id)
      if (this.made !== null) this.made = null
      await this.load()
    } catch (err) {
      this.error = (err as Error).message
    }
  }

  private async setPolicy (adminsOnly: boolean): Promise<void> {
    try {
      this.error = null
      await this.store.api.setInvitePolicy(this.room, adminsOnly)
      await this.load()
    } catch (err) {
      this.error = (err as Error).message
    }
  }

  static override styles = [controls, nameStyles, css`
    dialog { border: 1px solid var(--lu-border); border-radius: 14px; padding: 18px 22px; width: min(620px, 92vw); background: var(--lu-bg); color: var(--lu-text); box-shadow: var(--lu-shadow); }
    dialog::backdrop { background: rgb(0 0 0 / 0.35); }
    header { display: flex; align-items: center; justify-content: space-between; }
    h2 { margin: 0; font-size: 18px; }
    h3 { margin: 18px 0 6px; font-size: 13px; text-transform: uppercase; letter-spacing: 0.05em; color: var(--lu-text-muted); }
    form { display: flex; flex-wrap: wrap; align-items: end; gap: 12px; }
    label { display: flex; flex-direction: column; gap: 4px; font-size: 13px; font-weight: 600; }
    label.check { flex-direction: row; align-items: center; gap: 6px; font-weight: 500; }
    select { font: inherit; padding: 7px 10px; border-radius: 8px; border: 1px solid var(--lu-border); background: var(--lu-bg); color: var(--lu-text); }
    code { display: block; font-family: var(--lu-mono); font-size: 12.5px; overflow-wrap: anywhere; background: var(--lu-bg-soft); border: 1px solid var(--lu-border); border-radius: 6px; padding: 6px 8px; margin: 8px 0 4px; user-select: all; }
    .made { margin-top: 12px; font-size: 14px; }
    ul { list-style: none; padding: 0; margin: 0; display: grid; gap: 6px; }
    li { display: flex; align-items: center; gap: 10px; padding: 8px 10px; border: 1px solid var(--lu-border); border-radius: 10px; font-size: 14px; }
    li .what { flex: 1; min-width: 0; display: flex; flex-direction: column; gap: 2px; }
    li .meta { color: var(--lu-text-muted); font-size: 12.5px; }
    li button { padding: 5px 10px; font-size: 13px; }
    .empty { color: var(--lu-text-muted); font-size: 14px; margin: 0; }
    .policy { margin-top: 16px; font-size: 14px; }
    .policy p { margin: 4px 0 0 24px; color: var(--lu-text-muted); font-size: 12.5px; }
  `]

  private renderInvite (inv: LiveInvite, mayRevoke: boolean, now: number) {
    const maker = shownAuthor(inv.by, this.store.directory.member(this.room, inv.by.key))
    const when = inv.created === null ? 'made earlier' : `made ${dayOf(inv.created, now) === 'Today' ? '' : dayOf(inv.created, now) + ' '}${timeOf(inv.created)}`
    return html`<li>
      <span class="what"><span>by ${nameTemplate(maker)}</span>
        <span class="meta">${when} · ${expiryText(inv.expires, now)} · ${usesText(inv)}</span></span>
      ${mayRevoke ? html`<button type="button" class="ghost" aria-label=${`Revoke the invite by ${nameText(maker)}, ${when}`} @click=${() => { void this.revoke(inv.id) }}>Revoke</button>` : nothing}
    </li>`
  }

  override render () {
    const summary = this.store.rooms.find(r => r.summary.id === this.room)?.summary
    const role = summary?.role ?? null
    const admin = role === 'owner' || role === 'admin'
    const now = Date.now()
    return html`<dialog aria-label="Invites">
      <header><h2>Invites to # ${summary?.alias ?? ''}</h2>
        <button type="button" class="icon" aria-label="Close" @click=${() => this.dialog?.close()}>✕</button></header>
      ${this.error !== null ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      <h3>New invite</h3>
      ${!admin && this.adminsOnly
        ? html`<p class="empty">Only admins can invite people to this room.</p>`
        : html`<form @submit=${(e: Event) => { void this.create(e) }}>
          <label>Expires after<select name="expiry" aria-label="Expires after">
            ${EXPIRIES.map(x => html`<option value=${x.word} ?selected=${x.word === '7d'}>${x.label}</option>`)}</select></label>
          <label class="check"><input type="checkbox" name="once"> Single use</label>
          <button type="submit">Create invite</button></form>`}
      ${this.made !== null
        ? html`<div class="made" aria-live="polite"><strong>Invite made</strong> (${this.made.text}). Anyone with it can join until then.
            <code>${this.made.invite}</code>
            <button type="button" class="ghost" @click=${() => { void navigator.clipboard.writeText(this.made?.invite ?? '').then(() => { this.copied = true }, () => {}) }}>${this.copied ? 'Copied ✓' : 'Copy invite'}</button></div>`
        : nothing}
      <h3>Live invites</h3>
      ${this.invites.length === 0
        ? html`<p class="empty">No invite can let anyone in right now.</p>`
        : html`<ul aria-label="Live invites">${this.invites.map(inv => this.renderInvite(inv, admin || inv.by.key === summary?.identityKey, now))}</ul>`}
      ${role === 'owner'
        ? html`<div class="policy"><label class="check"><input type="checkbox" .checked=${this.adminsOnly}
            @change=${(e: Event) => { void this.setPolicy((e.target as HTMLInputElement).checked) }}> Only admins can invite</label>
            <p>Members' invites stop letting people in while this is on. Removing someone turns it on, so a removed person cannot come back through a member's invite.</p></div>`
        : nothing}
    </dialog>`
  }
}

customElements.define('lu-invites', LuInvites)
declare global { interface HTMLElementTagNameMap { 'lu-invites': LuInvites } }
