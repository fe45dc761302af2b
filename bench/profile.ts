// `node dist/bench/profile.js FILE.cpuprofile [N]`: where a bench worker spent its CPU.
// Prints self time by package (node_modules/<name>, or the project's own folders) and the N
// hottest functions, so a profile can be read without a browser.
import fs from 'node:fs'

interface CallFrame { functionName: string, url: string, lineNumber: number }
interface Node { id: number, callFrame: CallFrame, hitCount?: number, children?: number[] }
interface Profile { nodes: Node[], startTime: number, endTime: number, samples: number[], timeDeltas: number[] }

function owner (url: string): string {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)
  if (m) return m[1]
  const own = /\/dist\/(src|views|bench)\//.exec(url)
  if (own) return own[1] + '/'
  if (url.startsWith('node:')) return 'node:internal'
  return url === '' ? '(native/gc/idle)' : url
}

function main (): void {
  const [file, topArg] = process.argv.slice(2)
  if (!file) { console.error('usage: node dist/bench/profile.js FILE.cpuprofile [N]'); process.exit(2) }
  const top = Number(topArg ?? 25)
  const p = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile
  const byId = new Map(p.nodes.map((n) => [n.id, n]))
  const self = new Map<number, number>()
  p.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0)))
  const total = [...self.values()].reduce((a, b) => a + b, 0)
  const byPkg = new Map<string, number>()
  const byFn = new Map<string, number>()
  for (const [id, us] of self) {
    const n = byId.get(id)
    if (!n) continue
    const { functionName, url, lineNumber } = n.callFrame
    if (functionName === '(idle)' || functionName === '(program)') { byPkg.set(functionName, (byPkg.get(functionName) ?? 0) + us); continue }
    const pkg = functionName === '(garbage collector)' ? '(gc)' : owner(url)
    byPkg.set(pkg, (byPkg.get(pkg) ?? 0) + us)
    const fn = `${functionName || '(anonymous)'} ${url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/dist\//, '')}:${lineNumber + 1}`
    byFn.set(fn, (byFn.get(fn) ?? 0) + us)
  }
  const busy = total - (byPkg.get('(idle)') ?? 0)
  const pct = (us: number): string => `${((100 * us) / busy).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(7)} ms`
  console.log(`${file}: ${(total / 1e6).toFixed(1)} s sampled, ${(busy / 1e6).toFixed(1)} s busy (percentages of busy)`)
  console.log('\nself time by package:')
  for (const [k, v] of [...byPkg].filter(([k]) => k !== '(idle)').sort((x, y) => y[1] - x[1]).slice(0, 20)) console.log(`  ${pct(v)}  ${k}`)
  console.log(`\nhottest ${top} functions (self time):`)
  for (const [k, v] of [...byFn].sort((x, y) => y[1] - x[1]).slice(0, top)) console.log(`  ${pct(v)}  ${k}`)
}

main()
