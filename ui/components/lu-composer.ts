import { LitElement, css, html } from 'lit'
import { controls } from './shared-styles.js'

/**
 * The composer: a textbox named "Message". Enter sends, Shift+Enter breaks the line; the text
 * is kept when sending fails. `submit` decides what the text means (message or ~command) and
 * resolves true when it was handled.
 */
export class LuComposer extends LitElement {
  static override properties = {
    placeholder: { type: String },
    submit: { attribute: false },
    busy: { state: true }
  }

  declare placeholder: string
  declare submit: (text: string) => Promise<boolean>
  declare busy: boolean

  constructor () {
    super()
    this.placeholder = 'Message'
    this.submit = async () => false
    this.busy = false
  }

  private get field (): HTMLTextAreaElement | null {
    return this.renderRoot.querySelector('textarea')
  }

  override focus (): void { this.field?.focus() }

  private queue: Promise<unknown> = Promise.resolve()

  /**
   * Clears the box at once and sends in order: what is typed while a message is on its way
   * is kept, and messages leave in the order they were written. On failure the text comes back.
   */
  private async send (): Promise<void> {
    const field = this.field
    if (field === null) return
    const text = field.value
    if (text.trim() === '') return
    field.value = ''
    const run = this.queue.then(() => this.submit(text))
    this.queue = run.catch(() => false)
    this.busy = true
    const ok = await run.catch(() => false)
    this.busy = false
    if (!ok && field.value === '') field.value = text
    field.focus()
  }

  private onKey (e: KeyboardEvent): void {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault()
      void this.send()
    }
  }

  static override styles = [controls, css`
    :host { display: block; padding: 0 20px 18px; }
    .box { display: flex; align-items: flex-end; gap: 8px; border: 1px solid var(--lu-border); border-radius: 12px; background: var(--lu-bg); padding: 6px 6px 6px 4px; box-shadow: var(--lu-shadow); }
    .box:focus-within { border-color: var(--lu-accent); }
    textarea { border: 0; box-shadow: none !important; resize: none; field-sizing: content; min-height: 24px; max-height: 40vh; padding: 7px 10px; background: transparent; line-height: 1.45; }
    button { padding: 7px 14px; border-radius: 8px; }
    .hint { color: var(--lu-text-muted); font-size: 11.5px; padding: 5px 4px 0; }
    kbd { font-family: var(--lu-mono); font-size: 10.5px; border: 1px solid var(--lu-border); border-radius: 4px; padding: 0 4px; }
  `]

  override render () {
    return html`
      <div class="box">
        <textarea aria-label="Message" rows="1" placeholder=${this.placeholder} maxlength="16000"
          @keydown=${this.onKey}></textarea>
        <button type="button" @click=${() => { void this.send() }} aria-label="Send">Send</button>
      </div>
      <div class="hint"><kbd>Enter</kbd> to send · <kbd>Shift</kbd>+<kbd>Enter</kbd> new line · <kbd>~help</kbd> for commands · **Markdown** works</div>`
  }
}

customElements.define('lu-composer', LuComposer)
declare global { interface HTMLElementTagNameMap { 'lu-composer': LuComposer } }
