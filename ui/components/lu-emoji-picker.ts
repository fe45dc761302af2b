import { LitElement, css, html, nothing } from 'lit'
import { QUICK, searchEmoji, emojiName } from '../emoji.js'

/**
 * A small emoji picker (a dialog named "Choose a reaction"): the common ones first, a search
 * box ("Search emoji") over the rest by name. Escape or a click elsewhere closes it.
 *
 * @fires lu-pick - { emoji }: the emoji chosen
 * @fires lu-close - closed without choosing
 */
export class LuEmojiPicker extends LitElement {
  static override properties = { query: { state: true } }

  declare query: string
  private readonly onOutside = (e: Event): void => {
    if (!e.composedPath().includes(this)) this.close()
  }

  constructor () {
    super()
    this.query = ''
  }

  override connectedCallback (): void {
    super.connectedCallback()
    // the click that opened the picker is still on its way up: listen from the next one
    setTimeout(() => { if (this.isConnected) document.addEventListener('pointerdown', this.onOutside) }, 0)
  }

  override disconnectedCallback (): void {
    super.disconnectedCallback()
    document.removeEventListener('pointerdown', this.onOutside)
  }

  protected override firstUpdated (): void {
    this.renderRoot.querySelector('input')?.focus()
  }

  private pick (emoji: string): void {
    this.dispatchEvent(new CustomEvent('lu-pick', { detail: { emoji }, bubbles: true, composed: true }))
  }

  private close (): void {
    this.dispatchEvent(new CustomEvent('lu-close', { bubbles: true, composed: true }))
  }

  private onKey (e: KeyboardEvent): void {
    if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); this.close() }
    if (e.key === 'Enter' && e.target instanceof HTMLInputElement) {
      e.preventDefault()
      const first = searchEmoji(this.query)[0]
      if (first !== undefined) this.pick(first.emoji)
    }
  }

  static override styles = css`
    :host { display: block; position: absolute; z-index: 20; width: 288px; background: var(--lu-bg); color: var(--lu-text);
      border: 1px solid var(--lu-border); border-radius: 12px; box-shadow: var(--lu-shadow); padding: 8px; }
    input { font: inherit; width: 100%; box-sizing: border-box; padding: 6px 10px; border: 1px solid var(--lu-border); border-radius: 8px;
      background: var(--lu-bg-soft); color: var(--lu-text); }
    input:focus { outline: none; border-color: var(--lu-accent); }
    .grid { display: grid; grid-template-columns: repeat(8, 1fr); gap: 2px; margin-top: 8px; max-height: 180px; overflow-y: auto; }
    .quick { border-bottom: 1px solid var(--lu-border); padding-bottom: 6px; max-height: none; }
    button { font-size: 20px; line-height: 30px; border: 0; border-radius: 6px; background: transparent; cursor: pointer; padding: 0; }
    button:hover, button:focus-visible { background: var(--lu-bg-hover); outline: none; }
    .none { grid-column: 1 / -1; color: var(--lu-text-muted); font-size: 13px; padding: 8px 4px; }
  `

  override render () {
    // the common ones on top; the rest below them (each emoji once, so each name is one button)
    const found = this.query === '' ? searchEmoji('').filter(e => !QUICK.includes(e.emoji)) : searchEmoji(this.query)
    const button = (emoji: string) => html`<button type="button" aria-label=${emojiName(emoji)} title=${emojiName(emoji)}
      @click=${() => this.pick(emoji)}>${emoji}</button>`
    return html`
      <div role="dialog" aria-label="Choose a reaction" @keydown=${this.onKey}>
        <input type="text" aria-label="Search emoji" placeholder="Search emoji" .value=${this.query}
          @input=${(e: Event) => { this.query = (e.target as HTMLInputElement).value }}>
        ${this.query === '' ? html`<div class="grid quick">${QUICK.map(button)}</div>` : nothing}
        <div class="grid">${found.length === 0 ? html`<div class="none">No emoji called “${this.query}”</div>` : found.map(e => button(e.emoji))}</div>
      </div>`
  }
}

customElements.define('lu-emoji-picker', LuEmojiPicker)
declare global { interface HTMLElementTagNameMap { 'lu-emoji-picker': LuEmojiPicker } }
