// The login flow of a printed URL, as a page does it (ui/main.ts): the URL's one-time code is
// traded for a session cookie with POST /session. For tests that talk to a node over HTTP.

export const URL_LINE = /^http:\/\/127\.0\.0\.1:\d+\/#code=[0-9a-f]{32}$/

export interface Session {
  origin: string
  /** The Cookie header that carries the session. */
  cookie: string
  /** The Set-Cookie line as the node sent it. */
  setCookie: string
  /** fetch on the node with the session cookie. */
  fetch: (path: string, init?: RequestInit) => Promise<Response>
}

/** The origin and the one-time code of a URL `linkup serve` printed. */
export function parseUrl (line: string): { origin: string, code: string } {
  const url = new URL(line)
  const code = /^#code=([0-9a-f]{32})$/.exec(url.hash)?.[1]
  if (code === undefined) throw new Error(`not a login URL: ${line}`)
  return { origin: url.origin, code }
}

export async function redeem (origin: string, code: string): Promise<Response> {
  return await fetch(origin + '/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) })
}

/** Trades the URL's code for a session; throws if the node refuses it. */
export async function login (line: string): Promise<Session> {
  const { origin, code } = parseUrl(line)
  const res = await redeem(origin, code)
  if (res.status !== 204) throw new Error(`POST /session answered ${res.status}: ${await res.text()}`)
  const setCookie = res.headers.get('set-cookie') ?? ''
  const cookie = setCookie.split(';')[0] ?? ''
  return {
    origin,
    cookie,
    setCookie,
    fetch: async (path, init = {}) => await fetch(origin + path, { ...init, headers: { ...(init.headers as Record<string, string> | undefined), cookie } })
  }
}
