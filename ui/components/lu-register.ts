import { LitElement, css, html } from 'lit'
import { controls } from './shared-styles.js'
import { downscaleAvatar } from '../avatar-image.js'
import { runFormAction } from '../form-action.js'
import type { AppStore } from '../store.js'
import type { AvatarData } from '../types.js'
import { AVATAR_MIMES, LIMITS } from '../../views/limits.js'
import './lu-avatar.js'

/**
 * The registration form (first run) and the profile editor (later): a display name and an
 * optional avatar, downscaled in the browser before upload. On first run it also offers "Link to
 * an existing account" (docs/architecture.md §16.3).
 * @fires lu-done - after the profile was saved, or when editing was cancelled
 * @fires lu-link-account - the user chose to link this device to an existing account instead
 */
export class LuRegister extends LitElement {
  static override properties = {
    store: { attribute: false },
    editing: { type: Boolean },
    avatar: { state: true },
    error: { state: true },
    busy: { state: true },
    draft: { state: true }
  }

  declare store: AppStore
  declare editing: boolean
  declare avatar: AvatarData | null | undefined
  declare error: string | null
  declare busy: boolean
  /** The name as typed so far, for the initials in the preview. */
  declare draft: string | null

  constructor () {
    super()
    this.editing = false
    this.avatar = undefined
    this.error = null
    this.busy = false
    this.draft = null
  }

  private async pick (e: Event): Promise<void> {
    const file = (e.target as HTMLInputElement).files?.[0]
    if (file === undefined) return
    try {
      this.avatar = await downscaleAvatar(file)
      this.error = null
    } catch (err) {
      this.error = (err as Error).message
    }
  }

  private async submit (e: SubmitEvent): Promise<void> {
    e.preventDefault()
    const input = this.renderRoot.querySelector<HTMLInputElement>('#name')
    const name = input?.value.trim() ?? ''
    if (name === '') { this.error = 'Enter a display name'; return }
    await runFormAction(this, () => this.store.saveProfile(name, this.avatar))
  }

  static override styles = [controls, css`
    :host { display: block; }
    form { display: grid; gap: 18px; }
    h1 { margin: 0; font-size: 24px; letter-spacing: -0.01em; }
    .logo { width: 44px; height: 44px; margin-bottom: -6px; }
    p { margin: 0; color: var(--lu-text-muted); }
    label { font-weight: 600; font-size: 13px; display: block; margin-bottom: 6px; }
    .avatar-row { display: flex; gap: 14px; align-items: center; }
    lu-avatar { width: 64px; height: 64px; --lu-avatar-font: 24px; }
    lu-avatar::part(image) { border-radius: 16px; }
    input[type=file] { font: inherit; font-size: 13px; color: var(--lu-text-muted); }
    input[type=file]::file-selector-button {
      font: inherit; font-weight: 600; border: 1px solid var(--lu-border); border-radius: 8px;
      background: var(--lu-bg-soft); color: var(--lu-text); padding: 6px 12px; margin-right: 10px; cursor: pointer;
    }
    .actions { display: flex; gap: 10px; justify-content: flex-end; }
    .actions button[type=submit] { min-width: 120px; }
    .link { border-top: 1px solid var(--lu-border); padding-top: 14px; display: flex; gap: 10px; align-items: center; justify-content: space-between; color: var(--lu-text-muted); font-size: 13px; }
  `]

  override render () {
    const profile = this.store.profile ?? null
    const preview = this.avatar === undefined
      ? (profile?.avatar !== null && profile?.avatar !== undefined ? `data:${profile.avatar.mime};base64,${profile.avatar.data}` : null)
      : (this.avatar === null ? null : `data:${this.avatar.mime};base64,${this.avatar.data}`)
    return html`
      <form @submit=${this.submit} novalidate>
        ${this.editing
          ? html`<h1>Your profile</h1><p>Your name and picture, as every room you are in shows them.</p>`
          : html`<img class="logo" src="/favicon.svg" alt=""><h1>Welcome to LinkUp</h1><p>Chat with people directly, with no server in between. Pick how others will see you.</p>`}
        <div>
          <label for="name">Display name</label>
          <input id="name" type="text" name="name" maxlength=${LIMITS.nameChars} autocomplete="nickname" required
            .value=${profile?.name ?? ''} placeholder="e.g. Ada Lovelace"
            @input=${(e: Event) => { this.draft = (e.target as HTMLInputElement).value }}>
        </div>
        <div>
          <label for="avatar">Avatar</label>
          <div class="avatar-row">
            <lu-avatar .src=${preview} name=${this.draft ?? profile?.name ?? '?'}></lu-avatar>
            <input id="avatar" type="file" accept=${AVATAR_MIMES.join(',')} @change=${this.pick}>
            ${preview !== null ? html`<button type="button" class="ghost" @click=${() => { this.avatar = null }}>Remove</button>` : ''}
          </div>
        </div>
        ${this.error !== null ? html`<div class="error" role="alert">${this.error}</div>` : ''}
        <div class="actions">
          ${this.editing ? html`<button type="button" class="ghost" @click=${() => this.dispatchEvent(new CustomEvent('lu-done', { bubbles: true, composed: true }))}>Cancel</button>` : ''}
          <button type="submit" ?disabled=${this.busy}>${this.editing ? 'Save' : 'Continue'}</button>
        </div>
        ${this.editing
          ? ''
          : html`<div class="link"><span>Already use LinkUp on another device?</span>
              <button type="button" class="ghost" @click=${() => this.dispatchEvent(new CustomEvent('lu-link-account', { bubbles: true, composed: true }))}>Link to an existing account</button></div>`}
      </form>`
  }
}

customElements.define('lu-register', LuRegister)
declare global { interface HTMLElementTagNameMap { 'lu-register': LuRegister } }
