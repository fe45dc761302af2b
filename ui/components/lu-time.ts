import { LitElement, css, html, nothing } from 'lit'
import { timeOf } from '../format.js'
import { describeClaim, shownTime } from '../message-time.js'
import type { Message } from '../types.js'

/**
 * A message's time (ui/message-time.ts): the sender's clock when it is believable; otherwise
 * when this device first saw the message, with the sender's claim beside it (class `claimed`),
 * or the claim alone when the first sight is unknown. `compact`: the time only (grouped rows),
 * the claim in its tooltip.
 */
export class LuTime extends LitElement {
  static override properties = {
    message: { attribute: false },
    compact: { type: Boolean }
  }

  declare message: Pick<Message, 'timestamp' | 'firstSeen'>
  declare compact: boolean

  constructor () {
    super()
    this.compact = false
  }

  static override styles = css`
    :host { display: inline; }
    .claimed { color: var(--lu-warn); font-size: 11.5px; margin-left: 6px; white-space: nowrap; }
  `

  override render () {
    const { at, claimed } = shownTime(this.message)
    const claim = claimed === null ? null : describeClaim(claimed)
    const title = claim === null
      ? undefined
      : at === null
        ? `The sender's clock said ${claim}: that cannot be right, and this device does not know when it first saw the message`
        : `The sender's clock said ${claim}: that cannot be right, so this is when this device first saw the message`
    const time = at === null ? nothing : html`<time datetime=${new Date(at).toISOString()} title=${title ?? nothing}>${timeOf(at)}</time>`
    if (claim === null || this.compact) return time
    return html`${time}<span class="claimed" title=${title ?? nothing}>${at === null ? '' : 'first seen here · '}sender's clock: ${claim}</span>`
  }
}

customElements.define('lu-time', LuTime)
declare global { interface HTMLElementTagNameMap { 'lu-time': LuTime } }
