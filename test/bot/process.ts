// Running `linkup bot` as a separate process, as a user would.
import type { ChildProcess } from 'child_process'
import { once } from 'events'
import { onTestFinished } from 'vitest'
import { startCli } from '../helpers/cli.js'

export { CLI, exitCode } from '../helpers/cli.js'

export interface BotProcess {
  child: ChildProcess
  /** The first stdout line: "room <id> as <writer key>". */
  line: Promise<string>
  stderr: () => string
  /** Sends the signal; SIGKILL (exit code null) if it has not exited after killAfterMs (20 s). */
  stop: (signal?: NodeJS.Signals, killAfterMs?: number) => Promise<number | null>
}

export function startBot (args: string[], env: NodeJS.ProcessEnv = {}): BotProcess {
  const { child, line, stderr } = startCli(['bot', ...args], env)
  const stop = async (signal: NodeJS.Signals = 'SIGTERM', killAfterMs = 20_000): Promise<number | null> => {
    if (child.exitCode !== null || child.signalCode !== null) return child.exitCode
    const exited = once(child, 'exit') as Promise<[number | null]>
    child.kill(signal)
    const timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs)
    const [code] = await exited
    clearTimeout(timer)
    return code
  }
  onTestFinished(async () => { await stop('SIGKILL') })
  return { child, line, stderr, stop }
}
