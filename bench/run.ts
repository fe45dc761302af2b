// `npm run bench [-- --quick] [-- --only a,b]`: measures LinkUp against the raw floor of its own
// stack in the same run, prints the table and writes bench/results/latest.json (quick.json for
// --quick). Peers run in separate processes (dist/bench/worker.js) on a local testnet.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { startTestnet, type LocalTestnet } from '../src/network/testnet.js'
import { Worker } from './lib/worker.js'
import { full, quick } from './lib/params.js'
import { renderTable, notMeasured, type Row } from './lib/table.js'
import { removeTmpDirs, tmpDir } from './lib/tmp.js'
import type { Context, Figure } from './lib/context.js'
import { figures } from './figures/index.js'

interface Args { quick: boolean, only: string[] | null, out: string | null, profile: string | null }

function parseArgs (argv: string[]): Args {
  const args: Args = { quick: false, only: null, out: null, profile: null }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    if (a === '--quick') args.quick = true
    else if (a === '--only') args.only = (argv[++i] ?? '').split(',').filter(Boolean)
    else if (a === '--out') args.out = argv[++i] ?? null
    else if (a === '--profile') args.profile = argv[++i] ?? null
    else if (a === '--help' || a === '-h') {
      console.log('usage: node dist/bench/run.js [--quick] [--only ' + Object.keys(figures).join(',') + '] [--out FILE] [--profile DIR]')
      process.exit(0)
    } else {
      console.error(`bench: unknown argument ${a}`)
      process.exit(2)
    }
  }
  if (args.only) {
    const unknown = args.only.filter((f) => !(f in figures))
    if (unknown.length) { console.error(`bench: unknown figure ${unknown.join(', ')}`); process.exit(2) }
  }
  return args
}

async function runFigure (name: string, figure: Figure, ctx: Context): Promise<Row[]> {
  const start = Date.now()
  ctx.log(`${name}…`)
  try {
    const rows = await figure(ctx)
    ctx.log(`${name} done in ${((Date.now() - start) / 1000).toFixed(1)} s`)
    return rows
  } catch (err) {
    const msg = (err as Error).message.split('\n')[0]
    ctx.log(`${name} FAILED: ${(err as Error).stack ?? msg}`)
    return [notMeasured(name, '', `failed: ${msg}`)]
  }
}

async function main (): Promise<void> {
  const args = parseArgs(process.argv.slice(2))
  const started = Date.now()
  const log = (msg: string): void => console.error(`[bench ${((Date.now() - started) / 1000).toFixed(1)}s] ${msg}`)
  // The project's local testnet (five nodes: on three, NAT analysis never completes).
  const testnet = await startTestnet({ host: '127.0.0.1' })
  const islandnet = await startTestnet({ host: '127.0.0.1' })
  const netOf = (t: LocalTestnet): Context['net'] => ({ bootstrap: t.bootstrap, host: '127.0.0.1' })
  const net = netOf(testnet)
  // --profile DIR: A and B write V8 CPU profiles there when they exit (see bench/profile.ts).
  const execArgv = args.profile ? ['--cpu-prof', '--cpu-prof-dir', path.resolve(args.profile)] : []
  const a = new Worker('A', { execArgv })
  const b = new Worker('B', { execArgv })
  const ctx: Context = {
    quick: args.quick,
    params: args.quick ? quick : full,
    net,
    island: netOf(islandnet),
    a,
    b,
    storage: { a: tmpDir('A'), b: tmpDir('B') },
    room: null,
    detail: {},
    log
  }
  // The machine may be shared: keep the load average beside the figures, which it inflates.
  const loads: number[] = [os.loadavg()[0]]
  const loadTimer = setInterval(() => loads.push(os.loadavg()[0]), 5000)
  loadTimer.unref()
  const rows: Row[] = []
  try {
    for (const [name, figure] of Object.entries(figures)) {
      if (args.only && !args.only.includes(name)) continue
      rows.push(...await runFigure(name, figure, ctx))
    }
  } finally {
    clearInterval(loadTimer)
    await Promise.all([a.stop(), b.stop()])
    await testnet.destroy()
    await islandnet.destroy()
    removeTmpDirs()
  }
  const durationMs = Date.now() - started
  console.log(renderTable(rows))
  const load = { mean: loads.reduce((x, y) => x + y, 0) / loads.length, max: Math.max(...loads) }
  console.log(`\n${args.quick ? 'quick' : 'full'} run, ${(durationMs / 1000).toFixed(1)} s, node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}`)
  console.log(`load average during the run: mean ${load.mean.toFixed(1)}, max ${load.max.toFixed(1)} on ${os.cpus().length} cores${load.mean > os.cpus().length ? ' (busy machine: wall-clock figures are inflated; CPU per message is the steadier figure)' : ''}`)
  const here = path.dirname(fileURLToPath(import.meta.url))
  const out = args.out ?? path.join(here, '..', '..', 'bench', 'results', args.quick ? 'quick.tmp.json' : 'latest.json')
  fs.mkdirSync(path.dirname(out), { recursive: true })
  const report = {
    date: new Date().toISOString(),
    mode: args.quick ? 'quick' : 'full',
    durationMs,
    node: process.version,
    machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, memGiB: Math.round(os.totalmem() / 2 ** 30), loadAverage: load },
    params: ctx.params,
    rows,
    detail: ctx.detail
  }
  fs.writeFileSync(out, JSON.stringify(report, null, 2) + '\n')
  console.log(`wrote ${path.relative(process.cwd(), out)}`)
  // No timing is asserted, but a figure that could not run at all fails the run (CI's smoke run).
  const failed = rows.filter((r) => r.note?.startsWith('failed:'))
  if (failed.length > 0) {
    console.error(`bench: ${failed.length} figure(s) failed: ${failed.map((r) => r.figure).join(', ')}`)
    process.exitCode = 1
  }
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
