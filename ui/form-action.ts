// What a form element does on submit (lu-register, lu-room-form): busy while its action runs,
// the action's error shown in the form, and `lu-done` fired once it succeeded.

export interface FormHost extends HTMLElement {
  busy: boolean
  error: string | null
}

export async function runFormAction (host: FormHost, action: () => Promise<void>): Promise<void> {
  host.busy = true
  host.error = null
  try {
    await action()
    host.dispatchEvent(new CustomEvent('lu-done', { bubbles: true, composed: true }))
  } catch (err) {
    host.error = (err as Error).message
  } finally {
    host.busy = false
  }
}
