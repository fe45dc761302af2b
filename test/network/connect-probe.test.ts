// The connect probe, short: two separate processes on a local testnet, an owner and a joiner,
// must exchange a message in every trial. The deadline is generous (no timing claim: speed is
// measured by `npm run probe`); it only has to be shorter than a half-open connection's ~13 s
// plus Hyperswarm's backoff, so that a trial depending on that redial fails here.
// Runs the compiled peer script (dist/bench/probe-peer.js): `npm test` builds first.
import { test, expect } from 'vitest'
import { runConnectProbe } from '../../bench/connect-probe.js'

const TRIALS = 5

test(`${TRIALS} trials of two processes: every one exchanges a message over its first connections`, async () => {
  const result = await runConnectProbe({ trials: TRIALS, deadline: 10_000 })
  const failed = result.trials.flatMap((t, i) => t.pong === null ? [`trial ${i + 1}: ${t.error ?? 'no reply'}`] : [])
  expect(failed).toEqual([])
  expect(result.within['15s']).toBe(TRIALS)
}, 120_000)
