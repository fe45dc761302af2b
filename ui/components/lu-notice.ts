import { LitElement, css, html } from 'lit'
import { controls } from './shared-styles.js'

export type Notice =
  | { kind: 'info' | 'error', text: string }
  | { kind: 'invite', text: string, copied?: boolean, about?: string }
  | { kind: 'list', title: string, rows: ReadonlyArray<readonly [string, string]> }

/**
 * A notice above the composer: a command's result, an error (role="alert"), or an invite to
 * copy.
 * @fires lu-dismiss - the user closed the notice
 */
export class LuNotice extends LitElement {
  static override properties = {
    notice: { attribute: false },
    copied: { state: true }
  }

  declare notice: Notice
  declare copied: boolean

  constructor () {
    super()
    this.copied = false
  }

  private async copy (text: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(text)
      this.copied = true
    } catch {
      const code = this.renderRoot.querySelector('code')
      if (code !== null) getSelection()?.selectAllChildren(code)
    }
  }

  static override styles = [controls, css`
    :host { display: block; margin: 0 20px 10px; }
    .card { display: flex; gap: 10px; align-items: flex-start; border: 1px solid var(--lu-border); background: var(--lu-bg-soft); border-radius: var(--lu-radius); padding: 10px 12px; font-size: 14px; }
    .card.error { border-color: color-mix(in srgb, var(--lu-danger) 45%, transparent); background: var(--lu-danger-soft); color: var(--lu-danger); }
    .main { flex: 1; min-width: 0; }
    code { display: block; font-family: var(--lu-mono); font-size: 12.5px; overflow-wrap: anywhere; background: var(--lu-bg); border: 1px solid var(--lu-border); border-radius: 6px; padding: 6px 8px; margin-top: 6px; user-select: all; color: var(--lu-text); }
    dl { display: grid; grid-template-columns: max-content 1fr; gap: 3px 14px; margin: 6px 0 0; }
    dt { font-family: var(--lu-mono); font-size: 13px; }
    dd { margin: 0; color: var(--lu-text-muted); }
    .actions { display: flex; gap: 6px; }
    button { padding: 5px 10px; font-size: 13px; }
  `]

  protected override willUpdate (changed: Map<PropertyKey, unknown>): void {
    if (changed.has('notice')) this.copied = this.notice.kind === 'invite' && this.notice.copied === true
  }

  override render () {
    const n = this.notice
    const close = html`<button class="icon" type="button" aria-label="Dismiss" @click=${() => this.dispatchEvent(new CustomEvent('lu-dismiss', { bubbles: true, composed: true }))}>✕</button>`
    if (n.kind === 'invite') {
      return html`<div class="card"><div class="main"><strong>Invite to this room</strong> — anyone with it can join${n.about !== undefined ? html` (${n.about})` : ''}.
        <code>${n.text}</code></div>
        <div class="actions"><button type="button" @click=${() => { void this.copy(n.text) }}>${this.copied ? 'Copied ✓' : 'Copy invite'}</button>${close}</div></div>`
    }
    if (n.kind === 'list') {
      return html`<div class="card"><div class="main"><strong>${n.title}</strong>
        <dl>${n.rows.map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl></div>${close}</div>`
    }
    if (n.kind === 'error') return html`<div class="card error" role="alert"><div class="main">${n.text}</div>${close}</div>`
    return html`<div class="card" aria-live="polite"><div class="main">${n.text}</div>${close}</div>`
  }
}

customElements.define('lu-notice', LuNotice)
declare global { interface HTMLElementTagNameMap { 'lu-notice': LuNotice } }
