// Draws a soak's memory curve: the `soak: {...}` window lines of `npm run soak` in, a small PNG
// out (an SVG rendered by the Chromium the browser tests use, so no plotting library). With
// --before, another run's RSS and memtables are drawn dashed for comparison.
//   node dist/bench/plot-soak.js soak.log docs/soak-rss.png [--before other.log --before-label '…'] [title]
import fs from 'node:fs'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'
import type { SoakWindow } from './soak.js'

const SERIES: Array<{ key: keyof SoakWindow, label: string, color: string }> = [
  { key: 'rssMiB', label: 'RSS', color: '#d62728' },
  { key: 'heapTotalMiB', label: 'V8 heap committed', color: '#1f77b4' },
  { key: 'heapMiB', label: 'V8 heap used', color: '#6baed6' },
  { key: 'externalMiB', label: 'external (Buffers)', color: '#2ca02c' },
  { key: 'memtablesMiB', label: 'RocksDB memtables (5 peers)', color: '#ff7f0e' },
  { key: 'blockCacheMiB', label: 'RocksDB block caches (5 peers)', color: '#9467bd' }
]

export function windowsOf (log: string): SoakWindow[] {
  return log.split('\n').filter(l => l.startsWith('soak: {')).map(l => JSON.parse(l.slice('soak: '.length)) as SoakWindow)
}

export function svg (windows: SoakWindow[], title: string, before: SoakWindow[] = [], beforeLabel = 'before'): string {
  const W = 760
  const H = 380
  const m = { l: 52, r: 16, t: 34, b: 96 }
  const tMax = Math.max(...windows.map(w => w.t), ...before.map(w => w.t))
  const yMax = Math.ceil(Math.max(...windows.map(w => w.rssMiB), ...before.map(w => w.rssMiB)) / 100) * 100
  const x = (t: number): number => m.l + (t / tMax) * (W - m.l - m.r)
  const y = (v: number): number => H - m.b - (v / yMax) * (H - m.t - m.b)
  const grid: string[] = []
  for (let v = 0; v <= yMax; v += 100) {
    grid.push(`<line x1="${m.l}" x2="${W - m.r}" y1="${y(v)}" y2="${y(v)}" stroke="#ddd"/><text x="${m.l - 6}" y="${y(v) + 4}" text-anchor="end">${v}</text>`)
  }
  for (let t = 0; t <= tMax; t += 60) grid.push(`<text x="${x(t)}" y="${H - m.b + 16}" text-anchor="middle">${t / 60}</text>`)
  const line = (ws: SoakWindow[], key: keyof SoakWindow, color: string, dash = ''): string =>
    `<polyline fill="none" stroke="${color}" stroke-width="2"${dash === '' ? '' : ` stroke-dasharray="${dash}"`} points="${ws.map(w => `${x(w.t).toFixed(1)},${y(w[key] as number).toFixed(1)}`).join(' ')}"/>`
  const lines = SERIES.map(s => line(windows, s.key, s.color))
  const dashed = before.length === 0 ? [] : [line(before, 'rssMiB', '#d62728', '5 4'), line(before, 'memtablesMiB', '#ff7f0e', '5 4')]
  const legend = SERIES.map((s, i) => {
    const lx = m.l + (i % 3) * 230
    const ly = H - 44 + Math.floor(i / 3) * 18
    return `<rect x="${lx}" y="${ly - 9}" width="14" height="4" fill="${s.color}"/><text x="${lx + 20}" y="${ly - 4}">${s.label}</text>`
  })
  if (before.length > 0) legend.push(`<text x="${m.l}" y="${H - 8}">dashed: RSS and memtables of ${beforeLabel}</text>`)
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif" font-size="12">
<rect width="100%" height="100%" fill="white"/>
<text x="${m.l}" y="20" font-size="14" font-weight="bold">${title}</text>
${grid.join('\n')}
<text x="${(m.l + W - m.r) / 2}" y="${H - m.b + 32}" text-anchor="middle">minutes</text>
<text x="14" y="${(m.t + H - m.b) / 2}" transform="rotate(-90 14 ${(m.t + H - m.b) / 2})" text-anchor="middle">MiB</text>
${dashed.join('\n')}
${lines.join('\n')}
${legend.join('\n')}
</svg>`
}

async function main (): Promise<void> {
  const args = process.argv.slice(2)
  const at = args.indexOf('--before')
  const beforeFile = at === -1 ? undefined : args.splice(at, 2)[1]
  const lat = args.indexOf('--before-label')
  const beforeLabel = lat === -1 ? 'the other run' : args.splice(lat, 2)[1] ?? 'the other run'
  const [input, output, ...titleWords] = args
  if (input === undefined || output === undefined) throw new Error('usage: plot-soak.js SOAK_LOG OUT.png [--before OTHER_LOG] [title]')
  const windows = windowsOf(fs.readFileSync(input, 'utf8'))
  const before = beforeFile === undefined ? [] : windowsOf(fs.readFileSync(beforeFile, 'utf8'))
  const title = titleWords.length > 0 ? titleWords.join(' ') : 'Soak: 20 rooms x 5 peers in one process, 20 messages/s'
  const browser = await chromium.launch({ executablePath: process.env.LINKUP_CHROMIUM ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox'] })
  try {
    const page = await browser.newPage({ viewport: { width: 760, height: 380 } })
    await page.setContent(svg(windows, title, before, beforeLabel))
    await page.screenshot({ path: output })
  } finally {
    await browser.close()
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main().catch((err) => { console.error(err); process.exit(1) })
