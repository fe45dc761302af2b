import { LitElement, css, html, nothing } from 'lit'
import type { AppStore } from '../store.js'
import { friendly, ApiError } from '../api.js'
import { RoomResource } from '../controllers/room-resource.js'

/**
 * The room's seeders (a complementary landmark named "Seeders", the room's settings for them):
 * which seeders keep the room while its members are offline, and a form (textbox "Seeder key",
 * button "Add seeder") to add one. A seeder stores the room encrypted and cannot read it; a
 * room made before encryption cannot have one, and says so. Reloaded when the room's status
 * says its connected seeders changed.
 */
export class LuSeeders extends LitElement {
  static override properties = {
    store: { attribute: false },
    room: { type: String },
    seeders: { state: true },
    encrypted: { state: true },
    error: { state: true }
  }

  declare store: AppStore
  declare room: string
  declare seeders: string[]
  declare encrypted: boolean
  declare error: string | null
  private connected: number | null = null
  private readonly list = new RoomResource(this, {
    store: () => this.store,
    read: () => this.store.api.seeders(this.room),
    reloadOn: (ev) => {
      if (ev.type !== 'status' || ev.room !== this.room || ev.status.seeders === this.connected) return false
      this.connected = ev.status.seeders
      return true
    },
    loaded: ({ seeders, encrypted }) => { this.seeders = seeders; this.encrypted = encrypted },
    failed: (err) => { console.warn('seeders', err) }
  })

  constructor () {
    super()
    this.room = ''
    this.seeders = []
    this.encrypted = true
    this.error = null
  }

  protected override willUpdate (changed: Map<string, unknown>): void {
    if (changed.has('room')) void this.list.load()
  }

  private async add (e: SubmitEvent): Promise<void> {
    e.preventDefault()
    const form = e.target as HTMLFormElement
    const input = form.elements.namedItem('key') as HTMLInputElement
    this.error = null
    try {
      const { seeders } = await this.store.api.addSeeder(this.room, input.value.trim())
      this.seeders = seeders
      input.value = ''
    } catch (err) {
      this.error = err instanceof ApiError ? friendly(err.code, err.message) : String(err)
    }
  }

  static override styles = css`
    *, *::before, *::after { box-sizing: border-box; }
    :host { display: block; width: 256px; border-left: 1px solid var(--lu-border); background: var(--lu-bg-soft); overflow-y: auto; }
    h2 { font-size: 12px; text-transform: uppercase; letter-spacing: 0.06em; color: var(--lu-text-muted); margin: 16px 16px 8px; }
    p { margin: 0 16px 10px; font-size: 13px; color: var(--lu-text-muted); line-height: 1.45; }
    ul { list-style: none; margin: 0; padding: 0 8px 8px; }
    li { padding: 6px 8px; font: 12px ui-monospace, monospace; overflow-wrap: anywhere; }
    form { display: flex; flex-direction: column; gap: 6px; margin: 0 16px 16px; }
    input { font: 12px ui-monospace, monospace; padding: 6px 8px; border: 1px solid var(--lu-border); border-radius: 6px; background: var(--lu-bg); color: var(--lu-text); }
    button { align-self: flex-start; font: inherit; font-size: 13px; padding: 5px 12px; border-radius: 6px; border: 1px solid var(--lu-border); background: var(--lu-bg); color: var(--lu-text); cursor: pointer; }
    .error { color: var(--lu-danger, #c0392b); }
  `

  override render () {
    return html`
      <aside aria-label="Seeders">
        <h2>Seeders — ${this.seeders.length}</h2>
        <p>A seeder keeps this room while everyone is offline. It stores it encrypted and cannot read a word of it.</p>
        ${this.seeders.length === 0 ? html`<p>None yet.</p>` : html`<ul>${this.seeders.map(k => html`<li title=${k}>${k}</li>`)}</ul>`}
        ${this.encrypted
          ? html`<form @submit=${(e: SubmitEvent) => { void this.add(e) }}>
              <input name="key" aria-label="Seeder key" placeholder="key printed by linkup seed" autocomplete="off" spellcheck="false" required>
              <button type="submit">Add seeder</button>
              ${this.error === null ? nothing : html`<p class="error" role="alert">${this.error}</p>`}
            </form>`
          : html`<p>This room was made before rooms were encrypted, so no seeder can keep it. Make a new room to use one.</p>`}
      </aside>`
  }
}

customElements.define('lu-seeders', LuSeeders)
declare global { interface HTMLElementTagNameMap { 'lu-seeders': LuSeeders } }
