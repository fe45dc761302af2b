import { LitElement, css, html } from 'lit'
import type { Message } from '../types.js'
import { firstLine } from '../quote.js'
import { nameStyles, nameTemplate, type Shown } from '../identity.js'

/**
 * Above the composer while a reply is being written: whom it answers (their name with its
 * fingerprint, ui/identity.ts: a lookalike's message must not pass for the member it imitates
 * here either) and the first line of what they said, with a button "Cancel reply".
 *
 * @fires lu-cancel-reply - the reply was given up (the text stays in the composer)
 */
export class LuReplyPreview extends LitElement {
  static override properties = { message: { attribute: false }, author: { attribute: false } }

  declare message: Message | null
  /** How to show the author: the member list's entry for them when known, else the message's author. */
  declare author: Shown | null

  constructor () {
    super()
    this.message = null
    this.author = null
  }

  static override styles = [nameStyles, css`
    :host { display: block; padding: 0 20px; }
    .bar { display: flex; align-items: center; gap: 10px; padding: 6px 8px 6px 12px; border-left: 3px solid var(--lu-accent);
      background: var(--lu-bg-soft); border-radius: 8px 8px 0 0; font-size: 13px; min-width: 0; }
    .text { flex: 1; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; color: var(--lu-text-muted); }
    b { color: var(--lu-text); }
    button { font: inherit; border: 0; background: transparent; color: var(--lu-text-muted); cursor: pointer; border-radius: 6px; padding: 2px 8px; font-size: 16px; }
    button:hover { background: var(--lu-bg-hover); color: var(--lu-text); }
    button:focus-visible { outline: 2px solid var(--lu-accent); }
    .lu-name { vertical-align: bottom; }
  `]

  override render () {
    const m = this.message
    if (m === null) return html``
    return html`<div class="bar" role="group" aria-label="Reply">
      <span class="text">Replying to <b>${nameTemplate(this.author ?? m.author)}</b>: ${firstLine(m)}</span>
      <button type="button" aria-label="Cancel reply" title="Cancel reply"
        @click=${() => this.dispatchEvent(new CustomEvent('lu-cancel-reply', { bubbles: true, composed: true }))}>×</button>
    </div>`
  }
}

customElements.define('lu-reply-preview', LuReplyPreview)
declare global { interface HTMLElementTagNameMap { 'lu-reply-preview': LuReplyPreview } }
