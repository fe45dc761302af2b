// Re-renders its host whenever the store changes (subscribe on connect, unsubscribe on
// disconnect, so a removed element holds no listener).
import type { ReactiveController, ReactiveControllerHost } from 'lit'
import type { AppStore } from '../store.js'

export class StoreController implements ReactiveController {
  private readonly onChange = (): void => { this.host.requestUpdate() }

  constructor (private readonly host: ReactiveControllerHost, readonly store: AppStore) {
    host.addController(this)
  }

  hostConnected (): void { this.store.addEventListener('change', this.onChange) }
  hostDisconnected (): void { this.store.removeEventListener('change', this.onChange) }
}
