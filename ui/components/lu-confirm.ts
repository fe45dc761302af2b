import { LitElement, css, html } from 'lit'
import { controls } from './shared-styles.js'

/**
 * A modal question with two answers (a dialog named by `heading`): `ask()` opens it and
 * resolves true for the confirming button, false for "Cancel", Escape or closing.
 */
export class LuConfirm extends LitElement {
  static override properties = {
    heading: { type: String },
    text: { type: String },
    confirm: { type: String }
  }

  declare heading: string
  declare text: string
  /** The confirming button's name. */
  declare confirm: string
  private answer: ((yes: boolean) => void) | null = null

  constructor () {
    super()
    this.heading = ''
    this.text = ''
    this.confirm = 'OK'
  }

  async ask (): Promise<boolean> {
    await this.updateComplete
    const dialog = this.renderRoot.querySelector('dialog')
    if (dialog === null) return false
    this.answer?.(false)
    const answered = new Promise<boolean>(resolve => { this.answer = resolve })
    dialog.showModal()
    dialog.querySelector<HTMLButtonElement>('button.danger')?.focus()
    return await answered
  }

  private done (yes: boolean): void {
    const answer = this.answer
    this.answer = null
    this.renderRoot.querySelector('dialog')?.close()
    answer?.(yes)
  }

  static override styles = [controls, css`
    dialog { border: 0; border-radius: 14px; padding: 22px 24px; width: min(420px, 92vw); background: var(--lu-bg); color: var(--lu-text); box-shadow: var(--lu-shadow); }
    dialog::backdrop { background: rgb(10 10 20 / 45%); }
    h2 { margin: 0 0 8px; font-size: 17px; }
    p { margin: 0 0 18px; color: var(--lu-text-muted); font-size: 14px; line-height: 1.45; }
    .row { display: flex; justify-content: flex-end; gap: 8px; }
    button.danger { background: var(--lu-danger); color: #fff; }
  `]

  override render () {
    return html`<dialog aria-label=${this.heading} @close=${() => this.done(false)}>
      <h2>${this.heading}</h2>
      <p>${this.text}</p>
      <div class="row">
        <button type="button" class="ghost" @click=${() => this.done(false)}>Cancel</button>
        <button type="button" class="danger" @click=${() => this.done(true)}>${this.confirm}</button>
      </div>
    </dialog>`
  }
}

customElements.define('lu-confirm', LuConfirm)
declare global { interface HTMLElementTagNameMap { 'lu-confirm': LuConfirm } }
