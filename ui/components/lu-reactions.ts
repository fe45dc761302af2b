import { LitElement, css, html, nothing } from 'lit'
import { emojiName } from '../emoji.js'

/**
 * A message's reactions as chips: the emoji and how many reacted, yours highlighted
 * (aria-pressed), who reacted in the chip's title and accessible name. A click toggles your own.
 *
 * @fires lu-react - { emoji, on }: add (on) or take off this user's reaction
 */
export class LuReactions extends LitElement {
  static override properties = {
    reactions: { attribute: false },
    me: { type: String },
    names: { attribute: false }
  }

  declare reactions: Record<string, string[]>
  /** This user's writer key in the room. */
  declare me: string
  /** A member key to the name shown. */
  declare names: (key: string) => string

  constructor () {
    super()
    this.reactions = {}
    this.me = ''
    this.names = (key) => 'peer-' + key.slice(0, 6)
  }

  static override styles = css`
    :host { display: flex; flex-wrap: wrap; gap: 4px; margin-top: 4px; }
    button { font: inherit; font-size: 13px; line-height: 20px; display: inline-flex; align-items: center; gap: 5px; padding: 1px 8px;
      border-radius: 999px; border: 1px solid var(--lu-border); background: var(--lu-bg-soft); color: var(--lu-text); cursor: pointer; }
    button:hover { border-color: var(--lu-text-muted); }
    button[aria-pressed="true"] { background: var(--lu-accent-soft); border-color: var(--lu-accent); color: var(--lu-accent); font-weight: 600; }
    button:focus-visible { outline: 2px solid var(--lu-accent); outline-offset: 1px; }
    .count { font-variant-numeric: tabular-nums; }
  `

  private toggle (emoji: string, on: boolean): void {
    this.dispatchEvent(new CustomEvent('lu-react', { detail: { emoji, on }, bubbles: true, composed: true }))
  }

  override render () {
    const entries = Object.entries(this.reactions).filter(([, who]) => who.length > 0)
    if (entries.length === 0) return nothing
    return entries.map(([emoji, who]) => {
      const mine = who.includes(this.me)
      const people = who.map(k => k === this.me ? 'you' : this.names(k)).join(', ')
      return html`<button type="button" aria-pressed=${mine ? 'true' : 'false'} title="${emojiName(emoji)}: ${people}"
        aria-label="${emoji} ${who.length}: ${people}" @click=${() => this.toggle(emoji, !mine)}>
        <span aria-hidden="true">${emoji}</span><span class="count" aria-hidden="true">${who.length}</span></button>`
    })
  }
}

customElements.define('lu-reactions', LuReactions)
declare global { interface HTMLElementTagNameMap { 'lu-reactions': LuReactions } }
