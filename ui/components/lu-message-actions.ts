import { LitElement, css, html, nothing } from 'lit'

export type MessageAction = 'reply' | 'react' | 'edit' | 'delete'

/**
 * The actions on one message, as a toolbar of buttons named "Reply", "React", "Edit" and
 * "Delete" (Edit for the author's own text messages, Delete for the author, the owner and admins). The
 * message shows it on hover and while anything in it has keyboard focus.
 *
 * @fires lu-action - { action }: one of MessageAction
 */
export class LuMessageActions extends LitElement {
  static override properties = {
    canEdit: { type: Boolean },
    canDelete: { type: Boolean }
  }

  declare canEdit: boolean
  declare canDelete: boolean

  constructor () {
    super()
    this.canEdit = false
    this.canDelete = false
  }

  static override styles = css`
    :host { display: inline-block; background: var(--lu-bg); border: 1px solid var(--lu-border); border-radius: 8px; box-shadow: var(--lu-shadow); }
    [role=toolbar] { display: flex; gap: 2px; padding: 2px; }
    button { font: inherit; font-size: 15px; line-height: 1; width: 30px; height: 28px; display: grid; place-items: center;
      border: 0; border-radius: 6px; background: transparent; color: var(--lu-text-muted); cursor: pointer; padding: 0; }
    button:hover { background: var(--lu-bg-hover); color: var(--lu-text); }
    button.danger:hover { color: var(--lu-danger); }
    button:focus-visible { outline: 2px solid var(--lu-accent); outline-offset: -2px; }
    svg { width: 17px; height: 17px; }
  `

  private act (action: MessageAction): void {
    this.dispatchEvent(new CustomEvent('lu-action', { detail: { action }, bubbles: true, composed: true }))
  }

  override render () {
    const icon = (d: string) => html`<svg viewBox="0 0 20 20" aria-hidden="true"><path fill="currentColor" d=${d}/></svg>`
    const reply = icon('M8 5V2L2 8l6 6v-3.1c4.2 0 7.1 1.3 9 4.1-.8-4-3.3-8-9-9z')
    const react = icon('M10 2a8 8 0 1 0 0 16 8 8 0 0 0 0-16zm0 14.5a6.5 6.5 0 1 1 0-13 6.5 6.5 0 0 1 0 13zM7 9a1.2 1.2 0 1 0 0-2.4A1.2 1.2 0 0 0 7 9zm6 0a1.2 1.2 0 1 0 0-2.4A1.2 1.2 0 0 0 13 9zm-3 5.5c2 0 3.6-1.2 4.2-3H5.8c.6 1.8 2.2 3 4.2 3z')
    const edit = icon('M14.1 2.3a1.5 1.5 0 0 1 2.1 0l1.5 1.5a1.5 1.5 0 0 1 0 2.1L7.4 16.2 3 17l.8-4.4L14.1 2.3zM5.2 13.3l-.4 1.9 1.9-.4 8.6-8.6-1.5-1.5-8.6 8.6z')
    const del = icon('M7 2h6l1 2h4v2H2V4h4l1-2zm-3 5h12l-1 11H5L4 7zm4 2v7h1.5V9H8zm2.5 0v7H12V9h-1.5z')
    return html`<div role="toolbar" aria-label="Message actions">
      <button type="button" aria-label="Reply" title="Reply" @click=${() => this.act('reply')}>${reply}</button>
      <button type="button" aria-label="React" title="React" @click=${() => this.act('react')}>${react}</button>
      ${this.canEdit ? html`<button type="button" aria-label="Edit" title="Edit" @click=${() => this.act('edit')}>${edit}</button>` : nothing}
      ${this.canDelete ? html`<button type="button" class="danger" aria-label="Delete" title="Delete" @click=${() => this.act('delete')}>${del}</button>` : nothing}
    </div>`
  }
}

customElements.define('lu-message-actions', LuMessageActions)
declare global { interface HTMLElementTagNameMap { 'lu-message-actions': LuMessageActions } }
