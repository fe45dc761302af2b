// Merge: A and B each write while apart (B's client closed, then reopened on a DHT A is not on);
// B comes back; time from B's first answering peer until each SDK has emitted the other's
// messages and both views hold the same messages in the same order.
import type { Figure } from '../lib/context.js'
import { row } from '../lib/table.js'
import { sharedRoom, openClient, peersAt, agree, expect, expected } from '../product/pair.js'

export const merge: Figure = async (ctx) => {
  const { a, b, params } = ctx
  const n = params.mergeMessages
  const room = (await sharedRoom(ctx)).id
  // B is about to go offline: the SDK keeps downloading a view that a fast-forward left sparse,
  // so wait (with a deadline) until all of it is local rather than fetching it here.
  const deadline = Date.now() + params.figureMs
  let view = await b.call<{ length: number, contiguous: number }>('sdk.viewLocal', { room, download: false, ms: 0 }, 10_000)
  while (view.contiguous < view.length && Date.now() < deadline) {
    await new Promise(resolve => setTimeout(resolve, 100))
    view = await b.call<{ length: number, contiguous: number }>('sdk.viewLocal', { room, download: false, ms: 0 }, 10_000)
  }
  if (view.contiguous < view.length) throw new Error(`B's view stayed sparse: ${view.contiguous} of ${view.length} blocks local`)
  await b.call('sdk.close')
  await expect([a], room, 'mergeB', n)
  await a.call('sdk.sendMany', { room, tag: 'mergeA', count: n, window: 64 }, params.figureMs)
  // B writes on a separate DHT (an island): its node runs normally but cannot find A.
  await openClient(b, ctx, ctx.storage.b, ctx.island)
  await b.call('sdk.sendMany', { room, tag: 'mergeB', count: n, window: 64 }, params.figureMs)
  await b.call('sdk.close')

  await expect([b], room, 'mergeA', n)
  await openClient(b, ctx, ctx.storage.b)
  const answered = BigInt(await peersAt(b, ctx, room))
  await Promise.all([expected([a], room, 'mergeB', params.figureMs), expected([b], room, 'mergeA', params.figureMs)])
  const agreed = await agree([a, b], room, 2 * n + 100, params.figureMs)
  const ms = Number(agreed.at - answered) / 1e6
  ctx.detail.merge = { perSide: n, ms, viewMessages: agreed.count, digestRounds: agreed.rounds }
  return [row({
    figure: `merge: A and B each wrote ${n.toLocaleString('en-US')} apart`,
    value: ms,
    unit: 'ms',
    floor: null,
    target: '≤ 2,000 ms',
    met: ms <= 2000,
    note: `from B's first answering peer until both views agree (${agreed.count} messages in view)`
  })]
}
