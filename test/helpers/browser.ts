/// <reference lib="dom" />
// A real Chromium (Debian's, /usr/bin/chromium) driven by playwright-core, closed after the
// test. Pages record what would mean a script ran that should not have: dialogs, page errors,
// CSP violations and a `window.__pwned` flag that hostile payloads try to set.
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { onTestFinished } from 'vitest'

export const CHROMIUM = process.env.LINKUP_CHROMIUM ?? '/usr/bin/chromium'
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']

export interface Watched {
  page: Page
  context: BrowserContext
  dialogs: string[]
  errors: string[]
  csp: string[]
  /** API requests still waiting for an answer, with when they left: for failure messages. */
  inflight: Map<string, number>
}

/** `media`: a fake microphone that needs no permission prompt (voice message tests). */
export async function launchBrowser (opts: { media?: boolean } = {}): Promise<Browser> {
  const args = opts.media === true ? [...ARGS, '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', '--autoplay-policy=no-user-gesture-required'] : ARGS
  const browser = await chromium.launch({ executablePath: CHROMIUM, args, headless: true })
  onTestFinished(() => browser.close())
  return browser
}

/**
 * A page in its own context (its own storage), watched for anything script-like. `init` runs
 * in the page before any of its own scripts (a PerformanceObserver, say).
 */
export async function openPage (browser: Browser, url: string, opts: { colorScheme?: 'light' | 'dark', init?: () => void } = {}): Promise<Watched> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: opts.colorScheme ?? 'light' })
  if (opts.init !== undefined) await context.addInitScript(opts.init)
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(url).origin })
  const page = await context.newPage()
  const watched: Watched = { page, context, dialogs: [], errors: [], csp: [], inflight: new Map() }
  const key = (r: { method: () => string, url: () => string }): string => `${r.method()} ${new URL(r.url()).pathname}`
  page.on('request', (r) => { if (r.url().includes('/api/') && !r.url().endsWith('/api/events')) watched.inflight.set(key(r), Date.now()) })
  page.on('requestfinished', (r) => { watched.inflight.delete(key(r)) })
  page.on('requestfailed', (r) => { watched.inflight.delete(key(r)) })
  page.on('dialog', (d) => { watched.dialogs.push(d.message()); void d.dismiss() })
  page.on('pageerror', (e) => { watched.errors.push(e.message) })
  page.on('console', (m) => {
    if (/Content.Security.Policy|Refused to/i.test(m.text())) watched.csp.push(m.text())
    if (m.type() === 'warning') console.warn(`[page ${url.slice(0, 28)}] ${m.text()}`)
  })
  await page.goto(url)
  return watched
}

/** True if any hostile payload managed to run script in the page. */
export async function pwned (w: Watched): Promise<boolean> {
  const flag = await w.page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned !== undefined)
  return flag || w.dialogs.length > 0
}
