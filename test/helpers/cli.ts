// Running the real `linkup` command line as a separate process, as a user would.
import { spawn, type ChildProcess } from 'child_process'
import path from 'path'
import { once } from 'events'

export const CLI = path.resolve('dist/src/cli.js')

export interface CliProcess {
  child: ChildProcess
  /** The first line it prints on stdout (rejects if it exits first). */
  line: Promise<string>
  stderr: () => string
}

export function startCli (args: string[], env: NodeJS.ProcessEnv = {}): CliProcess {
  const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  let err = ''
  child.stderr?.on('data', (d: Buffer) => { err += d.toString() })
  const line = new Promise<string>((resolve, reject) => {
    let out = ''
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString()
      const nl = out.indexOf('\n')
      if (nl !== -1) resolve(out.slice(0, nl))
    })
    child.once('exit', (code) => reject(new Error(`linkup ${args[0] ?? ''} exited with ${String(code)} before its first line: ${err}`)))
  })
  line.catch(() => {}) // awaited only by the tests that expect a line
  return { child, line, stderr: () => err }
}

/** The exit code of a process that ends by itself (killed after `timeout` ms). */
export async function exitCode (child: ChildProcess, timeout = 60_000): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode
  const timer = setTimeout(() => child.kill('SIGKILL'), timeout)
  const [code] = await once(child, 'exit') as [number | null]
  clearTimeout(timer)
  return code
}
