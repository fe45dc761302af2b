// The cost of an edit and of a reaction beside a send, A → B in separate processes, each in a
// closed loop in the same run: A's call until B's SDK has announced the change ('update', or
// 'message' for the send), and the CPU both processes spend per operation. The floor of each row
// is the send measured here: an edit or a reaction is one block, as a send is, plus a lookup of
// its target in apply and a change record B's reader reads back (docs/architecture.md §13).
// Half of each kind runs in the order send, edit, reaction and half in the reverse order, so
// none of them always runs first (warmer or colder than the others).
import type { Figure } from '../lib/context.js'
import type { Worker } from '../lib/worker.js'
import { row, type Row } from '../lib/table.js'
import { closedLoop, body, summarise, type LatencyStats } from '../lib/latency.js'
import { once } from '../lib/wait.js'
import { since } from '../lib/stats.js'
import { sharedRoom, allHave } from '../product/pair.js'

interface Measured { latency: LatencyStats, cpuMs: number, sendP50: number, own: number[] }
type Step = (i: number) => Promise<{ sentAt: string, doneAt: string, arrivedAt: string }>
interface Update { id: string, text: string | null, reactions: number }

async function measure (a: Worker, b: Worker, n: number, warmup: number, step: Step): Promise<Measured> {
  await Promise.all([a.call('cpu.mark'), b.call('cpu.mark')])
  const own: number[] = []
  const latency = await closedLoop(n, warmup, async (i) => {
    const t = await step(i)
    if (i >= warmup) own.push(since(t.sentAt, t.doneAt))
    return since(t.sentAt, t.arrivedAt)
  })
  const [ca, cb] = await Promise.all([a.call<{ cpuMs: number }>('cpu.read'), b.call<{ cpuMs: number }>('cpu.read')])
  return { latency, cpuMs: (ca.cpuMs + cb.cpuMs) / (n + warmup), sendP50: median(own), own }
}

function median (xs: number[]): number {
  const sorted = [...xs].sort((x, y) => x - y)
  return sorted[Math.floor(sorted.length / 2)] ?? 0
}

/** Two halves of one kind, measured apart: their samples together, their CPU averaged. */
function join (x: Measured, y: Measured): Measured {
  const own = [...x.own, ...y.own]
  return { latency: summarise([...x.latency.samples, ...y.latency.samples]), cpuMs: (x.cpuMs + y.cpuMs) / 2, sendP50: median(own), own }
}

export const conversation: Figure = async (ctx) => {
  const { a, b, params } = ctx
  const n = params.latencyMessages
  const warmup = 20
  const room = (await sharedRoom(ctx)).id
  // one message of A's to edit again and again; one per reaction (a person reacts once per emoji)
  const target = await a.call<{ id: string }>('sdk.send', { room, text: 'the message edited' })
  const targets = await a.call<string[]>('sdk.sendBatch', { room, texts: Array.from({ length: 2 * (Math.ceil(n / 2) + warmup) }, (_, i) => body('react-target', i)) }, params.figureMs)
  await allHave([b], room, [target.id, ...targets], params.figureMs)
  await b.call('sdk.live', { room, tag: 'conv' })
  await b.call('sdk.liveUpdates', { room, on: true })
  try {
    const half = Math.ceil(n / 2)
    const steps: Record<'send' | 'edit' | 'react', (offset: number) => Step> = {
      send: (offset) => async (i) => {
        const k = offset + i
        const arrived = once<{ i: number, at: string }>(b, 'sdk-msg', 10_000, (m) => m.i === k)
        const sent = await a.call<{ at: string, doneAt: string }>('sdk.send', { room, text: body('conv', k) })
        return { sentAt: sent.at, doneAt: sent.doneAt, arrivedAt: (await arrived).at }
      },
      edit: (offset) => async (i) => {
        const text = body('edit', offset + i)
        const arrived = once<Update & { at: string }>(b, 'sdk-update', 10_000, (u) => u.id === target.id && u.text === text)
        const sent = await a.call<{ at: string, doneAt: string }>('sdk.edit', { room, id: target.id, text })
        return { sentAt: sent.at, doneAt: sent.doneAt, arrivedAt: (await arrived).at }
      },
      react: (offset) => async (i) => {
        const id = targets[offset + i] as string
        const arrived = once<Update & { at: string }>(b, 'sdk-update', 10_000, (u) => u.id === id && u.reactions === 1)
        const sent = await a.call<{ at: string, doneAt: string }>('sdk.react', { room, id, emoji: '👍' })
        return { sentAt: sent.at, doneAt: sent.doneAt, arrivedAt: (await arrived).at }
      }
    }
    const first: Partial<Record<keyof typeof steps, Measured>> = {}
    for (const kind of ['send', 'edit', 'react'] as const) first[kind] = await measure(a, b, half, warmup, steps[kind](0))
    const second: Partial<Record<keyof typeof steps, Measured>> = {}
    for (const kind of ['react', 'edit', 'send'] as const) second[kind] = await measure(a, b, half, warmup, steps[kind](half + warmup))
    const [send, edit, react] = (['send', 'edit', 'react'] as const).map((k) => join(first[k] as Measured, second[k] as Measured)) as [Measured, Measured, Measured]
    const strip = (m: Measured): object => ({ p50: m.latency.p50, p99: m.latency.p99, ownCallP50: m.sendP50, cpuMsPerOp: m.cpuMs })
    ctx.detail.conversation = { send: strip(send), edit: strip(edit), react: strip(react) }
    const floorLatency = { name: 'a send, same run', value: send.latency.p50, unit: 'ms' }
    const floorCpu = { name: 'a send, same run', value: send.cpuMs, unit: 'ms' }
    const note = (m: Measured): string => `${m.latency.count} in a closed loop; p99 ${m.latency.p99.toFixed(1)} ms; A's call p50 ${m.sendP50.toFixed(1)} ms`
    const rows: Row[] = [
      row({ figure: 'send → message at B, p50', value: send.latency.p50, unit: 'ms', floor: null, target: '', met: null, note: note(send) }),
      row({ figure: 'edit → update at B, p50', value: edit.latency.p50, unit: 'ms', floor: floorLatency, target: '', met: null, note: note(edit) + '; the same message edited each time' }),
      row({ figure: 'reaction → update at B, p50', value: react.latency.p50, unit: 'ms', floor: floorLatency, target: '', met: null, note: note(react) + '; one reaction on each of as many messages' }),
      row({ figure: 'CPU per edit (A + B)', value: edit.cpuMs, unit: 'ms', floor: floorCpu, target: '', met: null }),
      row({ figure: 'CPU per reaction (A + B)', value: react.cpuMs, unit: 'ms', floor: floorCpu, target: '', met: null })
    ]
    return rows
  } finally {
    await b.call('sdk.live', { room, tag: null })
    await b.call('sdk.liveUpdates', { room, on: false })
  }
}
