import { LitElement, css, html, nothing } from 'lit'
import { controls } from './shared-styles.js'
import { runFormAction } from '../form-action.js'
import type { AppStore } from '../store.js'
import { LIMITS } from '../../views/limits.js'

/**
 * The first-run alternative to registering (docs/architecture.md §16.3): "Link to an existing
 * account" with the code another device of that account shows under "Link a device". While it
 * waits for that device to answer, the form says so; a refusal says why (a used or expired
 * code, none answering).
 * @fires lu-done - once this node is linked (the app then shows the account's rooms)
 * @fires lu-cancel - the user went back to registering
 */
export class LuLinkAccount extends LitElement {
  static override properties = {
    store: { attribute: false },
    error: { state: true },
    busy: { state: true }
  }

  declare store: AppStore
  declare error: string | null
  declare busy: boolean

  constructor () {
    super()
    this.error = null
    this.busy = false
  }

  private async submit (e: SubmitEvent): Promise<void> {
    e.preventDefault()
    const code = this.renderRoot.querySelector<HTMLTextAreaElement>('#code')?.value.trim() ?? ''
    const name = this.renderRoot.querySelector<HTMLInputElement>('#device')?.value.trim() ?? ''
    if (code === '') { this.error = 'Enter the code your other device shows'; return }
    await runFormAction(this, () => this.store.joinAccount(code, name === '' ? undefined : name))
  }

  static override styles = [controls, css`
    :host { display: block; }
    form { display: grid; gap: 18px; }
    h1 { margin: 0; font-size: 24px; letter-spacing: -0.01em; }
    p { margin: 0; color: var(--lu-text-muted); }
    label small { font-weight: 400; color: var(--lu-text-muted); }
    label { font-weight: 600; font-size: 13px; display: block; margin-bottom: 6px; }
    textarea { width: 100%; min-height: 84px; font-family: var(--lu-mono, monospace); font-size: 12px; resize: vertical; }
    .actions { display: flex; gap: 10px; justify-content: flex-end; }
  `]

  override render () {
    return html`
      <form @submit=${this.submit} novalidate>
        <h1>Link to your account</h1>
        <p>On a device where you already use LinkUp, open "Your devices" and choose "Link a device". Enter the code it shows here: this device gets your name, your picture and all your rooms.</p>
        <div>
          <label for="code">Link code</label>
          <textarea id="code" name="code" required spellcheck="false" autocomplete="off" placeholder="linkup-device:…"></textarea>
        </div>
        <div>
          <label for="device">This device's name <small>(optional)</small></label>
          <input id="device" type="text" maxlength=${LIMITS.nameChars} autocomplete="off" placeholder="e.g. Laptop">
        </div>
        ${this.busy ? html`<p role="status">Asking your other device… keep it online.</p>` : nothing}
        ${this.error !== null ? html`<div class="error" role="alert">${this.error}</div>` : nothing}
        <div class="actions">
          <button type="button" class="ghost" @click=${() => this.dispatchEvent(new CustomEvent('lu-cancel', { bubbles: true, composed: true }))}>Back</button>
          <button type="submit" ?disabled=${this.busy}>Link this device</button>
        </div>
      </form>`
  }
}

customElements.define('lu-link-account', LuLinkAccount)
declare global { interface HTMLElementTagNameMap { 'lu-link-account': LuLinkAccount } }
