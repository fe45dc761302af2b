// A seeder for the bench: the real `linkup seed` in its own process, and what it costs the
// machine (RSS, CPU from /proc, disk under its storage).
import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { NetOptions } from './swarm.js'
import { tmpDir } from './tmp.js'

const CLI = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'src', 'cli.js')

export interface SeederProcess {
  key: string
  storage: string
  child: ChildProcess
  rssMiB: () => number
  /** CPU time used so far (user + system), ms. */
  cpuMs: () => number
  diskBytes: () => number
  stop: () => Promise<void>
}

export async function startSeeder (net: NetOptions, ms: number): Promise<SeederProcess> {
  const storage = tmpDir('seeder')
  const child = spawn(process.execPath, [CLI, 'seed', '--storage', storage, '--bootstrap', net.bootstrap.join(','), '--dht-host', net.host, '--log-level', 'warn'], { stdio: ['ignore', 'pipe', 'inherit'] })
  const key = await new Promise<string>((resolve, reject) => {
    let out = ''
    const timer = setTimeout(() => reject(new Error(`linkup seed printed no key in ${ms} ms`)), ms)
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString()
      if (out.includes('\n')) { clearTimeout(timer); resolve(out.slice(0, out.indexOf('\n')).trim()) }
    })
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`linkup seed exited with ${String(code)}`)) })
  })
  const pid = child.pid as number
  return {
    key,
    storage,
    child,
    rssMiB: () => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024,
    cpuMs: () => {
      const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? []
      return (Number(fields[11]) + Number(fields[12])) * 10 // utime + stime, in clock ticks of 10 ms
    },
    diskBytes: () => du(storage),
    async stop () {
      if (child.exitCode !== null) return
      child.kill('SIGTERM')
      await once(child, 'exit')
    }
  }
}

function du (dir: string): number {
  let n = 0
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) n += fs.statSync(path.join(entry.parentPath, entry.name)).size
  }
  return n
}
