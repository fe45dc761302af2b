// `linkup demo`: one process with a local testnet and two users sharing a room; it prints both
// UI addresses, each logging in to its own node, and stops cleanly on SIGINT.
import { describe, expect, it } from 'vitest'
import { spawn } from 'child_process'
import { once } from 'events'
import path from 'path'
import { login } from '../helpers/login.js'

const CLI = path.resolve('dist/src/cli.js')

describe('linkup demo', () => {
  it('prints two URLs whose users share one room, and exits 0 on SIGINT', async () => {
    const child = spawn(process.execPath, [CLI, 'demo'], { stdio: ['ignore', 'pipe', 'pipe'] })
    let err = ''
    child.stderr.on('data', (d: Buffer) => { err += d.toString() })
    const lines = await new Promise<string[]>((resolve, reject) => {
      let out = ''
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString()
        const got = out.split('\n').filter(Boolean)
        if (got.length >= 2) { clearTimeout(timer); resolve(got) }
      })
      child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`demo exited with ${String(code)}: ${err}`)) })
      const timer = setTimeout(() => reject(new Error('demo printed two lines not within 60 s: ' + err)), 60_000)
    })
    try {
      const ids: string[] = []
      for (const [i, who] of ['alice', 'bob'].entries()) {
        const m = new RegExp(`^${who}:\\s+(http://127\\.0\\.0\\.1:\\d+/#code=[0-9a-f]{32})$`).exec(lines[i] ?? '')
        expect(m, lines[i]).not.toBeNull()
        const res = await (await login(m?.[1] ?? '')).fetch('/api/rooms')
        const { rooms } = await res.json() as { rooms: Array<{ id: string, alias: string }> }
        expect(rooms.map(r => r.alias)).toEqual(['demo'])
        ids.push(rooms[0]?.id ?? '')
      }
      expect(ids[0]).toBe(ids[1])
    } finally {
      child.kill('SIGINT')
    }
    const [code] = await once(child, 'exit') as [number | null]
    expect(code).toBe(0)
  })
})
