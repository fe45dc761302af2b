import { LitElement, css, html } from 'lit'
import { AppStore } from '../store.js'
import { StoreController } from '../controllers/store-controller.js'
import { Notifier } from '../controllers/notifier.js'
import { controls } from './shared-styles.js'
import './lu-register.js'
import './lu-link-account.js'
import './lu-devices.js'
import './lu-sidebar.js'
import './lu-room-view.js'

/** The application: registration on first run, then the sidebar and the open room. */
export class LuApp extends LitElement {
  static override properties = {
    ready: { attribute: false },
    loginRefused: { attribute: false },
    editing: { state: true },
    linking: { state: true },
    showDevices: { state: true }
  }

  /** Set once the page has traded its login code, if it had one (ui/main.ts). */
  declare ready: boolean
  /** Why the login link was refused (used, or expired), or null. */
  declare loginRefused: string | null
  declare editing: boolean
  /** First run: linking to an existing account instead of registering. */
  declare linking: boolean
  declare showDevices: boolean
  private store: AppStore | null = null
  private notifier: Notifier | null = null

  constructor () {
    super()
    this.ready = false
    this.loginRefused = null
    this.editing = false
    this.linking = false
    this.showDevices = false
  }

  protected override willUpdate (): void {
    if (this.store === null && this.ready) {
      this.store = new AppStore()
      new StoreController(this, this.store) // eslint-disable-line no-new
      this.notifier = new Notifier(this.store)
      void this.store.start()
    }
  }

  override disconnectedCallback (): void {
    super.disconnectedCallback()
    this.store?.stop()
    this.notifier?.stop()
  }

  static override styles = [controls, css`
    :host { display: block; height: 100%; }
    .shell { display: grid; grid-template-columns: 272px minmax(0, 1fr); height: 100%; }
    .centre { min-height: 100%; display: grid; place-items: center; padding: 24px;
      background: radial-gradient(1200px 600px at 20% -10%, var(--lu-accent-soft), transparent 60%), var(--lu-bg-soft); }
    .card { width: min(460px, 100%); background: var(--lu-bg); border: 1px solid var(--lu-border); border-radius: 16px; padding: 32px; box-shadow: var(--lu-shadow); }
    .card h1 { margin-top: 0; }
    dialog { border: 0; border-radius: 16px; padding: 28px; width: min(460px, 92vw); background: var(--lu-bg); color: var(--lu-text); box-shadow: var(--lu-shadow); }
    dialog::backdrop { background: rgb(10 10 20 / 45%); }
    .removed { position: fixed; left: 50%; bottom: 96px; z-index: 10; transform: translateX(-50%); max-width: min(560px, 92vw); padding: 12px 16px; border-radius: 12px;
      background: var(--lu-danger, #b42318); color: #fff; font-weight: 600; box-shadow: var(--lu-shadow); }
    @media (max-width: 760px) { .shell { grid-template-columns: 1fr; grid-template-rows: auto 1fr; } lu-sidebar { max-height: 40vh; } }
  `]

  protected override updated (): void {
    const dialog = this.renderRoot.querySelector('dialog')
    if (dialog !== null && (this.editing || this.showDevices) && !dialog.open) dialog.showModal()
  }

  override render () {
    const s = this.store
    if (s === null) return html`<div class="centre" aria-busy="true"></div>`
    if (s.fatal !== null) {
      // A used or expired link matters only when the page has no session either: then it is
      // what the user needs to hear.
      const [title, text] = this.loginRefused !== null ? ['This link no longer works', this.loginRefused] : ['Cannot reach your node', s.fatal]
      return html`<div class="centre"><div class="card" role="alert"><h1>${title}</h1><p>${text}</p></div></div>`
    }
    if (s.profile === undefined) return html`<div class="centre" aria-busy="true"></div>`
    if (s.profile === null) {
      return html`<div class="centre"><div class="card">${this.linking
        ? html`<lu-link-account .store=${s} @lu-cancel=${() => { this.linking = false }} @lu-done=${() => { this.linking = false }}></lu-link-account>`
        : html`<lu-register .store=${s} @lu-link-account=${() => { this.linking = true }}></lu-register>`}</div></div>`
    }
    return html`
      <div class="shell">
        <lu-sidebar .store=${s} @lu-edit-profile=${() => { this.editing = true }} @lu-devices=${() => { this.showDevices = true }}></lu-sidebar>
        <lu-room-view .store=${s}></lu-room-view>
      </div>
      ${this.editing
        ? html`<dialog aria-label="Edit profile" @close=${() => { this.editing = false }}>
            <lu-register .store=${s} editing @lu-done=${() => { this.editing = false }}></lu-register></dialog>`
        : ''}
      ${this.showDevices
        ? html`<dialog aria-label="Your devices" @close=${() => { this.showDevices = false }}>
            <lu-devices .store=${s} @lu-done=${() => { this.showDevices = false }}></lu-devices></dialog>`
        : ''}
      ${s.deviceRemoved
        ? html`<div class="removed" role="alert">This device was removed from your account: its rooms no longer sync. To use LinkUp here again, start it with a new storage directory and link that with a new code.</div>`
        : ''}`
  }
}

customElements.define('lu-app', LuApp)
declare global { interface HTMLElementTagNameMap { 'lu-app': LuApp } }
