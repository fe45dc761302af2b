import { LitElement, css, html, nothing } from 'lit'
import { longFingerprint } from '../../views/names.js'
import { LIMITS } from '../../views/limits.js'
import { nameStyles, nameTemplate, nameText } from '../identity.js'
import type { Member } from '../types.js'
import { ACTION_NAMES, type MemberAction } from '../member-actions.js'
import { controls } from './shared-styles.js'

export interface MemberActionDetail { action: MemberAction, member: Member, nickname?: string | null, verified?: boolean }

/**
 * A modal dialog for one action on a member: the confirmation before removing them or handing
 * them the room, a nickname to set, comparing fingerprints before marking them verified, or
 * this user's own fingerprint to read out.
 * @fires lu-member-action - MemberActionDetail: the user confirmed
 */
export class LuMemberDialog extends LitElement {
  static override properties = {
    action: { attribute: false },
    member: { attribute: false }
  }

  declare action: MemberAction | null
  declare member: Member | null

  constructor () {
    super()
    this.action = null
    this.member = null
  }

  /** Opens the dialog for an action on a member. */
  open (action: MemberAction, member: Member): void {
    this.action = action
    this.member = member
    void this.updateComplete.then(() => this.renderRoot.querySelector('dialog')?.showModal())
  }

  private close (): void {
    this.renderRoot.querySelector('dialog')?.close()
  }

  private confirm (extra: Partial<MemberActionDetail> = {}): void {
    const { action, member } = this
    if (action === null || member === null) return
    this.close()
    this.dispatchEvent(new CustomEvent<MemberActionDetail>('lu-member-action', { detail: { action, member, ...extra }, bubbles: true, composed: true }))
  }

  static override styles = [controls, nameStyles, css`
    dialog { border: 1px solid var(--lu-border); border-radius: 14px; padding: 20px 22px; max-width: 440px; background: var(--lu-bg); color: var(--lu-text); box-shadow: var(--lu-shadow); }
    dialog::backdrop { background: rgb(0 0 0 / 0.35); }
    h2 { margin: 0 0 10px; font-size: 17px; }
    p { margin: 8px 0; font-size: 14px; line-height: 1.45; }
    code { display: block; font-family: var(--lu-mono); font-size: 15px; letter-spacing: 0.04em; background: var(--lu-bg-soft); border: 1px solid var(--lu-border); border-radius: 8px; padding: 8px 10px; margin: 8px 0; }
    .row { display: flex; gap: 8px; justify-content: flex-end; margin-top: 14px; }
    button.danger { background: var(--lu-danger); }
    label { display: block; font-size: 13px; font-weight: 600; margin: 10px 0 4px; }
  `]

  private body () {
    const m = this.member as Member
    const who = nameTemplate(m)
    switch (this.action) {
      case 'remove':
        return html`<h2>Remove ${who}?</h2>
          <p>They stop getting anything new from this room, on every member's device that has seen the removal, and cannot come back with any invite unless an admin lets them in again. They keep what they already had.</p>
          <div class="row"><button type="button" class="ghost" @click=${() => this.close()}>Cancel</button>
            <button type="button" class="danger" @click=${() => this.confirm()}>Remove</button></div>`
      case 'transfer':
        return html`<h2>Make ${who} the owner?</h2>
          <p>They get every power of the owner; you stay an admin. Only they can hand the room on again.</p>
          <div class="row"><button type="button" class="ghost" @click=${() => this.close()}>Cancel</button>
            <button type="button" class="danger" @click=${() => this.confirm()}>Transfer ownership</button></div>`
      case 'nickname':
        return html`<h2>Nickname for ${who}</h2>
          <p>Only you see it, shown instead of the name they chose. Leave it empty to remove it.</p>
          <form @submit=${(e: Event) => { e.preventDefault(); const v = (this.renderRoot.querySelector('input')?.value ?? '').trim(); this.confirm({ nickname: v === '' ? null : v }) }}>
            <label for="nick">Nickname</label><input id="nick" type="text" maxlength=${LIMITS.nameChars} .value=${m.nickname ?? ''}>
            <div class="row"><button type="button" class="ghost" @click=${() => this.close()}>Cancel</button><button type="submit">Save nickname</button></div></form>`
      case 'verify':
        return html`<h2>Verify ${who}</h2>
          <p>Their key's fingerprint:</p><code aria-label="Fingerprint">${longFingerprint(m.key)}</code>
          <p>Ask them to read out their own fingerprint (their member list, "Your fingerprint") in person or on a call. If every group matches, this is really them.</p>
          <div class="row"><button type="button" class="ghost" @click=${() => this.close()}>Cancel</button>
            ${m.verified
              ? html`<button type="button" class="ghost" @click=${() => this.confirm({ verified: false })}>Mark as not verified</button>`
              : html`<button type="button" @click=${() => this.confirm({ verified: true })}>Mark as verified</button>`}</div>`
      case 'mine':
        return html`<h2>Your fingerprint in this room</h2><code aria-label="Fingerprint">${longFingerprint(m.key)}</code>
          <p>Read it out to someone who wants to verify you. Others see you as <strong>${nameText(m)}</strong>.</p>
          <div class="row"><button type="button" @click=${() => this.close()}>Done</button></div>`
      default:
        return nothing
    }
  }

  override render () {
    return html`<dialog aria-label=${this.action === null ? 'Member' : ACTION_NAMES[this.action]} @close=${() => { this.action = null }}>${this.action === null || this.member === null ? nothing : this.body()}</dialog>`
  }
}

customElements.define('lu-member-dialog', LuMemberDialog)
declare global { interface HTMLElementTagNameMap { 'lu-member-dialog': LuMemberDialog } }
