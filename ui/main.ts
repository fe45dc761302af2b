// Entry point. The URL that `linkup serve` prints carries a one-time login code in its fragment
// (never sent to a server by the browser, never in a Referer). The page takes it out of the
// address bar and trades it for a session cookie (src/server/session.ts): the URL stays in the
// browser's history, but its code is spent. Without a code the page uses the cookie it has.
import './components/lu-app.js'

const CODE = /(?:^#|&)code=([0-9a-f]{32})(?:&|$)/

/** Trades the URL's code for a session; the reason it failed, or null. */
async function login (): Promise<string | null> {
  const code = CODE.exec(location.hash)?.[1]
  if (location.hash !== '') history.replaceState(null, '', location.pathname + location.search)
  sessionStorage.removeItem('linkup-token') // where builds before sessions kept the access token
  if (code === undefined) return null
  try {
    const res = await fetch('/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) })
    if (res.ok) return null
    return ((await res.json().catch(() => ({}))) as { message?: string }).message ?? `The login link was refused (${res.status})`
  } catch (err) {
    return (err as Error).message
  }
}

const app = document.querySelector('lu-app')
if (app !== null) {
  void login().then((refused) => {
    app.loginRefused = refused
    app.ready = true
  })
}
