// The result rows and their plain-text table.

export interface Floor { name: string, value: number, unit: string }

export interface Row {
  /** What is measured, e.g. "message latency p50 (SDK, A → B)". */
  figure: string
  value: number | null
  unit: string
  floor: Floor | null
  /** value / floor.value (so > 1 means slower for times, < 1 means slower for rates). */
  ratio: number | null
  target: string
  /** Whether the target is met; null when there is no target or nothing was measured. */
  met: boolean | null
  note?: string
}

export function row (r: Omit<Row, 'ratio'> & { ratio?: number | null }): Row {
  const ratio = r.ratio !== undefined
    ? r.ratio
    : r.value !== null && r.floor !== null && r.floor.value > 0 ? r.value / r.floor.value : null
  return { ...r, ratio }
}

export function notMeasured (figure: string, target: string, note: string, floor: Floor | null = null): Row {
  return { figure, value: null, unit: '', floor, ratio: null, target, met: null, note }
}

export function fmt (n: number | null, unit = ''): string {
  if (n === null || !Number.isFinite(n)) return '—'
  const abs = Math.abs(n)
  const s = abs >= 1000 ? Math.round(n).toLocaleString('en-US') : abs >= 100 ? n.toFixed(0) : abs >= 10 ? n.toFixed(1) : abs >= 1 ? n.toFixed(2) : n.toFixed(3)
  return unit ? `${s} ${unit}` : s
}

export function renderTable (rows: Row[]): string {
  const head = ['figure', 'absolute', 'floor (same run)', 'ratio', 'target', 'met']
  const body = rows.map((r) => [
    r.figure,
    r.value === null ? 'not measured' : fmt(r.value, r.unit),
    r.floor ? `${fmt(r.floor.value, r.floor.unit)} (${r.floor.name})` : '—',
    r.ratio === null ? '—' : `${fmt(r.ratio)}×`,
    r.target || '—',
    r.met === null ? '—' : r.met ? 'yes' : 'NO'
  ])
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)))
  const line = (cells: string[]): string => '| ' + cells.map((c, i) => c.padEnd(widths[i])).join(' | ') + ' |'
  const notes = rows.filter((r) => r.note).map((r) => `- ${r.figure}: ${r.note}`)
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...body.map(line), '', ...notes].join('\n')
}
