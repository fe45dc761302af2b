import { LitElement, css, html } from 'lit'
import { LIMITS } from '../../views/limits.js'
import { controls } from './shared-styles.js'

/**
 * Edits one message in place: a textbox "Edit message" holding its text. Enter saves,
 * Shift+Enter breaks the line, Escape cancels; so do the "Save" and "Cancel" buttons.
 *
 * @fires lu-edit-save - { text }: the new text (not blank, not unchanged)
 * @fires lu-edit-cancel - the edit was given up
 */
export class LuMessageEditor extends LitElement {
  static override properties = { text: { type: String } }

  declare text: string

  constructor () {
    super()
    this.text = ''
  }

  protected override firstUpdated (): void {
    const field = this.renderRoot.querySelector('textarea')
    if (field === null) return
    field.focus()
    field.setSelectionRange(field.value.length, field.value.length)
  }

  private save (): void {
    const value = this.renderRoot.querySelector('textarea')?.value ?? ''
    if (value.trim() === '' || value === this.text) { this.cancel(); return }
    this.dispatchEvent(new CustomEvent('lu-edit-save', { detail: { text: value }, bubbles: true, composed: true }))
  }

  private cancel (): void {
    this.dispatchEvent(new CustomEvent('lu-edit-cancel', { bubbles: true, composed: true }))
  }

  private onKey (e: KeyboardEvent): void {
    if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); this.cancel() }
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) { e.preventDefault(); this.save() }
  }

  static override styles = [controls, css`
    :host { display: block; margin: 4px 0; }
    textarea { resize: none; field-sizing: content; min-height: 40px; max-height: 40vh; line-height: 1.45; }
    .row { display: flex; gap: 8px; align-items: center; margin-top: 6px; font-size: 12px; color: var(--lu-text-muted); }
    button { padding: 4px 12px; font-size: 13px; }
    .hint { margin-left: auto; }
  `]

  override render () {
    return html`
      <textarea aria-label="Edit message" maxlength=${LIMITS.textChars} .value=${this.text} @keydown=${this.onKey}></textarea>
      <div class="row">
        <button type="button" @click=${() => this.save()}>Save</button>
        <button type="button" class="ghost" @click=${() => this.cancel()}>Cancel</button>
        <span class="hint">Enter to save · Esc to cancel</span>
      </div>`
  }
}

customElements.define('lu-message-editor', LuMessageEditor)
declare global { interface HTMLElementTagNameMap { 'lu-message-editor': LuMessageEditor } }
