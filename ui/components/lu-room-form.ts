import { LitElement, css, html } from 'lit'
import { controls } from './shared-styles.js'
import { runFormAction } from '../form-action.js'
import type { AppStore } from '../store.js'
import { API_LIMITS, LIMITS } from '../../views/limits.js'

/**
 * A one-field form that creates a room (by name) or joins one (by invite).
 * @fires lu-done - the room was created, or the node took the invite (the join then waits in the room list)
 */
export class LuRoomForm extends LitElement {
  static override properties = {
    store: { attribute: false },
    mode: { type: String },
    error: { state: true },
    busy: { state: true }
  }

  declare store: AppStore
  declare mode: 'create' | 'join'
  declare error: string | null
  declare busy: boolean

  constructor () {
    super()
    this.mode = 'create'
    this.error = null
    this.busy = false
  }

  override firstUpdated (): void {
    this.renderRoot.querySelector('input')?.focus()
  }

  private async submit (e: SubmitEvent): Promise<void> {
    e.preventDefault()
    const value = this.renderRoot.querySelector('input')?.value.trim() ?? ''
    if (value === '') { this.error = this.mode === 'create' ? 'Give the room a name' : 'Paste an invite'; return }
    if (this.mode === 'join' && !value.startsWith('linkup:')) { this.error = 'An invite starts with linkup:'; return }
    await runFormAction(this, async () => {
      if (this.mode === 'create') await this.store.createRoom(value)
      else await this.store.startJoin(value) // it waits in the room list (lu-sidebar)
    })
  }

  static override styles = [controls, css`
    :host { display: block; }
    form { display: grid; gap: 8px; background: var(--lu-bg); color: var(--lu-text); padding: 12px; border-radius: var(--lu-radius); box-shadow: var(--lu-shadow); }
    label { font-size: 12px; font-weight: 700; }
    .row { display: flex; gap: 6px; }
    .row input { flex: 1; min-width: 0; }
  `]

  override render () {
    const create = this.mode === 'create'
    return html`
      <form @submit=${this.submit}>
        <label for="f">${create ? 'Room name' : 'Invite'}</label>
        <div class="row">
          <input id="f" type="text" maxlength=${create ? LIMITS.aliasChars : API_LIMITS.inviteChars} placeholder=${create ? 'e.g. design-team' : 'linkup:…'} autocomplete="off">
          <button type="submit" ?disabled=${this.busy}>${create ? 'Create' : 'Join'}</button>
        </div>
        ${this.error !== null ? html`<div class="error" role="alert">${this.error}</div>` : ''}
      </form>`
  }
}

customElements.define('lu-room-form', LuRoomForm)
declare global { interface HTMLElementTagNameMap { 'lu-room-form': LuRoomForm } }
