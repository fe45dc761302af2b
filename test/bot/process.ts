// Running `linkup bot` as a separate process, as a user would.
import { spawn, type ChildProcess } from 'child_process'
import path from 'path'
import { once } from 'events'
import { onTestFinished } from 'vitest'

export const CLI = path.resolve('dist/src/cli.js')

export interface BotProcess {
  child: ChildProcess
  /** The first stdout line: "room <id> as <writer key>". */
  line: Promise<string>
  stderr: () => string
  stop: (signal?: NodeJS.Signals) => Promise<number | null>
}

export function startBot (args: string[], env: NodeJS.ProcessEnv = {}): BotProcess {
  const child = spawn(process.execPath, [CLI, 'bot', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  let err = ''
  child.stderr?.on('data', (d: Buffer) => { err += d.toString() })
  const line = new Promise<string>((resolve, reject) => {
    let out = ''
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString()
      const nl = out.indexOf('\n')
      if (nl !== -1) resolve(out.slice(0, nl))
    })
    child.once('exit', (code) => reject(new Error(`the bot exited with ${String(code)} before its first line: ${err}`)))
  })
  line.catch(() => {})
  const stop = async (signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> => {
    if (child.exitCode !== null || child.signalCode !== null) return child.exitCode
    const exited = once(child, 'exit') as Promise<[number | null]>
    child.kill(signal)
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000)
    const [code] = await exited
    clearTimeout(timer)
    return code
  }
  onTestFinished(async () => { await stop('SIGKILL') })
  return { child, line, stderr: () => err, stop }
}

/** The exit code of a process that ends by itself. */
export async function exitCode (child: ChildProcess, timeout = 60_000): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode
  const timer = setTimeout(() => child.kill('SIGKILL'), timeout)
  const [code] = await once(child, 'exit') as [number | null]
  clearTimeout(timer)
  return code
}
