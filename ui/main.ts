// Entry point. The access token arrives in the URL fragment (never sent to any server, never in
// a Referer); it is kept in sessionStorage for reloads and removed from the address bar.
import { HEX32_SOURCE } from '../views/limits.js'
import './components/lu-app.js'

const KEY = 'linkup-token'

function takeToken (): string | null {
  const m = new RegExp(`(?:^#|&)token=(${HEX32_SOURCE})(?:&|$)`).exec(location.hash)
  if (m !== null && m[1] !== undefined) {
    sessionStorage.setItem(KEY, m[1])
    history.replaceState(null, '', location.pathname + location.search)
    return m[1]
  }
  return sessionStorage.getItem(KEY)
}

const app = document.querySelector('lu-app')
if (app !== null) app.token = takeToken()
