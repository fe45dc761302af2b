// The parts of a room that stay for its life, each built with the hooks it needs from the
// engine (room-engine.ts): trust, the message reader, peers, reach, this user's files, the
// seeders and attention. The parts bound to one Autobase are built in room-base.ts.
import type Hyperbee from 'hyperbee'
import { identityOfWriter, readDriveOf } from '../views/devices-reads.js'
import { RoomPeers } from './room-peers.js'
import { viewSigned } from './room-base.js'
import { RoomTrust } from './trust/room-trust.js'
import type { Notice } from './network/peer-channel.js'
import { short } from './log.js'
import { DriveStore } from './files/drive-store.js'
import { filesKey } from './seed/encryption.js'
import { RoomSeeders } from './seed/room-seeders.js'
import { RoomFiles } from './files/room-files.js'
import { MessageReader } from './message-reader.js'
import { RoomReach } from './room-reach.js'
import { RoomAttention } from './attention/room-attention.js'
import type { RoomEngine } from './room-engine.js'
import { hintFor } from './view-hint.js'

export function openTrust (e: RoomEngine): RoomTrust {
  return new RoomTrust(e.ctx.network, e.ctx.store, {
    roomKey: () => e.id,
    onRole: (role) => {
      e.logger.info({ role }, role === null ? 'not a member of the room' : `role in the room: ${role}`)
      e.host.emit('role', role)
    },
    onInvitePolicy: (adminsOnly) => e.host.emit('invite-policy', { adminsOnly }),
    hintFor: (joiner) => hintFor(e.base.view, joiner, { writer: e.writerKey, device: e.ctx.network.keyPair.publicKey.toString('hex'), identity: e.trust.me === '' ? e.writerKey : e.trust.me }),
    onHint: (hint) => e.hints.take(hint),
    onRemoved: (how: { notice?: Notice }) => {
      e.logger.warn({ by: how.notice?.by }, 'removed from the room' + (how.notice === undefined ? '' : ` by ${short(how.notice.by)}`))
      // The notice names the remover's writer; 'removed' names the person, as members() does
      // (docs/architecture.md §16), where this view holds that writer's binding. Read without
      // waiting: peers refuse a removed device, so a block it lacks never comes.
      const by = how.notice?.by
      const local = { get: (key: string) => e.base.view.get(key, { wait: false }) } as unknown as Hyperbee
      const said = by === undefined ? Promise.resolve(null) : identityOfWriter(local, by).catch(() => by)
      said.then((who) => e.host.emit('removed', { by: who }), (err: unknown) => e.warn(err))
    }
  })
}

// The reader reads whichever base is current (room-base.ts: a new one after a storage error).
export function openReader (e: RoomEngine): MessageReader {
  return new MessageReader({ get view () { return e.parts.base.view }, get local () { return e.parts.base.local } }, {
    cleared: () => e.ctx.local.cleared(e.id),
    firstSeen: {
      at: (writer, seq) => e.ctx.firstSeen.at(e.id, writer, seq),
      record: (writer, seq, at) => e.ctx.firstSeen.record(e.id, writer, seq, at)
    }
  })
}

export function openPeers (e: RoomEngine): RoomPeers {
  return new RoomPeers(e.ctx.network, {
    roomKey: () => e.id,
    writerKey: () => e.writerKey,
    clock: () => e.reader.clock,
    // Our own core is always known, also before this device is a writer (a join).
    writerLength: (writer) => writer === e.writerKey
      ? e.base.local.length
      : e.base.activeWriters.get(Buffer.from(writer, 'hex'))?.core.length ?? null,
    // The view, not the base: with several signers the last acks of the system stay
    // unsigned until someone writes again, while every value in the view is signed.
    signed: () => viewSigned(e.base),
    seeding: () => e.seeders.status,
    onStatus: (status) => e.host.emit('status', status),
    onSeen: (seq) => {
      e.reader.seen = seq
      e.host.emit('seen', seq)
    },
    log: () => e.logger
  })
}

// This user's drive in the room, on its own namespace: never the root store, since closing a
// drive closes the store it was given.
export function openFiles (e: RoomEngine, namespace: string): RoomFiles {
  const files = new RoomFiles({
    append: (event) => e.parts.writer.append(event),
    assertWritable: () => e.parts.writer.assertWritable(),
    posted: (seq) => e.parts.conversation.posted(seq),
    authorDrive: (writer) => readDriveOf(e.base.view, writer),
    publishDrive: () => e.publishProfile(),
    progress: (p) => e.host.emit('download-progress', p)
  }, new DriveStore({
    ownStore: e.trust.track(e.ctx.store.namespace(namespace + ':files')),
    peerStore: () => e.trust.track(e.ctx.store.session()),
    room: async (bytes) => { await e.ctx.disk.sample(); e.ctx.disk.assertRoom(bytes) },
    encryptionKey: () => e.encryptionKey === null ? null : filesKey(e.encryptionKey)
  }))
  if (e.ctx.maxFileBytes !== undefined) files.maxBytes = e.ctx.maxFileBytes
  return files
}

export function openSeeders (e: RoomEngine): RoomSeeders {
  return new RoomSeeders(e.ctx.seeding, e.ctx.seeders, {
    roomKey: () => e.id,
    base: () => e.base,
    driveCores: () => e.files.store.cores(),
    encrypted: () => e.encryptionKey !== null,
    append: (event) => e.parts.writer.append(event),
    changed: () => e.peerState.refresh(),
    warn: (err) => e.warn(err)
  })
}

export function openReach (e: RoomEngine): RoomReach {
  return new RoomReach(e.ctx.network, {
    roomKey: () => e.id,
    discoveryKey: () => e.base.discoveryKey,
    isSigner: () => e.base.isIndexer || e.trust.role === 'owner',
    signers: () => signers(e),
    writerKey: () => e.writerKey,
    access: e.trust.access
  })
}

/** The room's signers (its indexers; the owner until the first block names them). */
function signers (e: RoomEngine): Set<string> {
  const indexers = e.base.system?.indexers ?? []
  return new Set(indexers.length > 0 ? indexers.map((i) => i.key.toString('hex')) : [e.id])
}

/** Unread and typing (src/attention/room-attention.ts): its events go out through the Room. */
export function openAttention (e: RoomEngine): RoomAttention {
  return new RoomAttention(e.host, {
    id: () => e.id,
    writerKey: () => e.writerKey,
    identityKey: () => e.trust.me === '' ? e.writerKey : e.trust.me,
    writable: () => e.writable,
    view: () => e.base.view,
    cleared: () => e.ctx.local.cleared(e.id),
    state: e.ctx.attention,
    settled: () => e.afterFirstPage(),
    network: e.ctx.network,
    warn: (err) => e.warn(err)
  })
}
