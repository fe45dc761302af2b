// What a room's base and reader say, turned into the room's own events and the work they start
// (room-engine.ts wires them once for the reader, and once per base: a base reopened after a
// storage error is listened to again).
import type Autobase from 'autobase'
import type Hyperbee from 'hyperbee'
import { errors } from './errors.js'
import type { Message } from './message.js'
import { describeError } from './log.js'
import type { RoomEngine } from './room-engine.js'

export function listenBase (e: RoomEngine, base: Autobase<Hyperbee>): void {
  base.on('update', () => {
    const warn = (err: unknown): void => e.warn(err)
    const pass = e.reader.update()
    pass
      .then(() => e.trust.updated(e.reader.clock))
      .then(() => e.peerState.updated(), warn)
    // The update's other reads wait for the reader's pass: started beside it, they queued ahead
    // of its reads and delayed every 'message' (owner → member latency, issue #18).
    const after = pass.catch(() => undefined)
    // Who is in, their roles or the invites changed (meta/trust moved): 'access' says reread them.
    after.then(() => e.parts.invites.updated()).catch(warn)
    after.then(async () => {
      if (!e.name.named) await e.followName()
      await e.seeders.updated()
    }).catch(warn)
    if (e.profilePending && base.writable) e.publishProfile().catch(warn)
    e.reach.check() // the signers may have changed
  })
  base.on('interrupt', (reason: { version?: number } | undefined) => {
    e.interruption = errors.needsUpdate(reason?.version ?? 0)
    e.logger.warn({ version: reason?.version }, `stopped: ${e.interruption.message}`)
    e.host.emit('interrupted', e.interruption)
  })
  // Autobase closes itself on an error it cannot go on from (a write the disk refused):
  // the room keeps its reader and peers and reopens the base when it can (room-recovery.ts).
  base.on('error', (err: unknown) => {
    e.recovery.failed(err)
    e.warn(err)
  })
  base.on('close', () => {
    if (e.host.closing === null && base === e.base) e.recovery.stalled()
  })
  base.on('fast-forward', () => {
    // A joiner's history is not news (message-reader.ts). A member back from offline is about
    // to read all that is new: those blocks are fetched in bulk first (view-download.ts).
    if (!e.reader.adoptHistory()) e.viewDownload.fetchNew(e.reader.readLength)
    e.hints.fastForwarded() // a joiner's first reads: the blocks a peer named, asked for at once
    e.viewDownload.want()
  })
}

export function listen (e: RoomEngine): void {
  e.host.on('warning', (err: unknown) => e.logger.warn({ err }, `warning: ${describeError(err)}`))
  e.reader.on('message', (m: Message) => {
    if (m.type !== 'text') e.files.prepare(m).catch(() => {}) // the read reports failures
    e.host.emit('message', m)
  })
  e.reader.on('update', (m: Message) => {
    e.host.emit('update', m)
    e.parts.edits.deletedByOthers(m).catch((err) => e.warn(err))
  })
  e.reader.on('reset', () => e.host.emit('reset'))
  e.reader.on('profile', () => {
    e.trust.profilesChanged(e.ctx.store).catch((err) => e.warn(err))
    e.bindings.changed().then((changed) => { if (changed) e.host.emit('reset') }, (err: unknown) => e.warn(err))
    e.host.emit('profile')
  })
  e.reader.on('skipped', (n: number, total: number) => {
    e.logger.warn({ skipped: n, total }, `skipped ${n} ${n === 1 ? 'block' : 'blocks'} that ${n === 1 ? 'is' : 'are'} not a valid event from a member (${total} in this room)`)
  })
}
