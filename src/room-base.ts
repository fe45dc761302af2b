// The parts of a room bound to one Autobase: the base and everything that writes through it
// (writer, membership, conversation with its edits and reactions, roles, signing). A room holds one set. When a storage
// error closes the base, the room opens a new set on the same namespace and swaps to it whole
// (room-recovery.ts, docs/architecture.md §11.5); the reader, peers, files and trust stay.
import Autobase from 'autobase'
import type Hyperbee from 'hyperbee'
import { open, apply } from '../views/apply.js'
import { readIndexers } from '../views/trust-reads.js'
import type { MessageReader } from './message-reader.js'
import type { RoomContext } from './room-context.js'
import type { RoomPeers } from './room-peers.js'
import { RoomWriter } from './room-writer.js'
import { Membership } from './room-membership.js'
import { RoomDevices } from './room-devices.js'
import { RoomInvites } from './room-invites.js'
import { Conversation } from './room-conversation.js'
import { Edits, type EditsParts } from './room-edits.js'
import { Reactions } from './room-reactions.js'
import { Roles } from './room-roles.js'
import { SigningNudge } from './room-signing.js'
import type { RoomTrust } from './trust/room-trust.js'

const ACK_INTERVAL_MS = 1000
// A signer signs at most once a second instead of in every block it appends: a checkpoint per
// message was ~40 % of the owner's cost. `signed` in the status comes true within about this
// long after the last message (patches/autobase+7.28.1.patch, docs/autobase.md).
const SIGN_INTERVAL_MS = 1000

/** What the parts need from the room around them. */
export interface BaseDeps {
  ctx: RoomContext
  namespace: string
  trust: RoomTrust
  reader: MessageReader
  peers: RoomPeers
  roomKey: () => string
  /** Throws when the room cannot be written at all (closed, stopped, disk full). */
  assertOpen: () => void
  /** The error to give a caller whose write failed with `err` (room-recovery.ts). */
  explain: (err: unknown) => unknown
  warn: (err: unknown) => void
  /** Who is in, their roles or the invites changed (the room emits 'access'). */
  onAccess: () => void
  /** This device's drive in the room: a deleted file message leaves it (room-edits.ts). */
  files: EditsParts['files']
}

/**
 * The room's Autobase on its namespace (key null: a new room). `encryptionKey`: a new room's, or
 * the one a joiner's invite carries; null when reopening (the base finds the key it stored at its
 * first open) or for a room made before encryption (docs/architecture.md §14.1).
 */
export function openAutobase (deps: BaseDeps, key: Buffer | null, encryptionKey: Buffer | null = null): Autobase<Hyperbee> {
  const { ctx, trust } = deps
  return new Autobase<Hyperbee>(trust.track(ctx.store.namespace(deps.namespace)), key, {
    ...(encryptionKey === null ? {} : { encryptionKey }),
    open,
    // A removal just applied closes the removed writer's connections before Autobase can
    // append anything after it (docs/architecture.md §6.7); the projection stays pure.
    apply: async (nodes, view, host) => {
      await apply(nodes, view, host)
      trust.applied(nodes)
    },
    optimistic: true,
    ackInterval: ACK_INTERVAL_MS,
    signInterval: SIGN_INTERVAL_MS,
    pushWrites: true, // new blocks are pushed to peers, not asked for twice (patches/README.md)
    valueEncoding: 'binary',
    wakeup: ctx.network.wakeup
  })
}

export class BaseParts {
  readonly base: Autobase<Hyperbee>
  readonly writer: RoomWriter
  readonly membership: Membership
  readonly devices: RoomDevices
  readonly invites: RoomInvites
  readonly conversation: Conversation
  readonly edits: Edits
  readonly reactions: Reactions
  readonly roles: Roles
  readonly signing: SigningNudge

  constructor (base: Autobase<Hyperbee>, deps: BaseDeps) {
    const { ctx, trust } = deps
    this.base = base
    this.writer = new RoomWriter(base, {
      assertOpen: deps.assertOpen,
      // A removal may be known from a peer's signed notice before (or without) the block itself:
      // peers stop serving the room to a removed device at once (docs/architecture.md §6.7).
      banned: async () => trust.removed || await this.membership.banned(),
      removed: () => trust.removed,
      explain: deps.explain
    })
    this.membership = new Membership(base, this.writer, deps.peers, {
      device: () => ctx.network.keyPair,
      identity: ctx.identity,
      access: trust.access,
      reprove: () => ctx.network.reprove(deps.roomKey()),
      allJudged: () => ctx.network.sharing(deps.roomKey()).every(peer => peer.verdicts.has(deps.roomKey()))
    })
    this.devices = new RoomDevices(base, this.writer, {
      identity: ctx.identity,
      device: () => ctx.network.keyPair,
      access: trust.access,
      reprove: () => ctx.network.reprove(deps.roomKey()),
      roomKey: deps.roomKey,
      refresh: () => trust.updated(deps.reader.clock),
      peers: () => deps.peers.list.length
    })
    this.invites = new RoomInvites(base, this.writer, { onAccess: deps.onAccess })
    // `writerKey` is who this device acts for: its identity once bound (docs/architecture.md §16).
    const said = { reader: deps.reader, writer: () => this.writer, view: () => base.view, writerKey: () => trust.me === '' ? base.local.key.toString('hex') : trust.me }
    this.conversation = new Conversation(said)
    this.edits = new Edits({ ...said, local: () => base.local, files: deps.files })
    this.reactions = new Reactions(said)
    this.roles = new Roles(base, this.writer, { refresh: () => trust.updated(deps.reader.clock) })
    this.signing = new SigningNudge(base, {
      indexers: () => readIndexers(base.view),
      // Signers reach one another directly (room-reach.ts): a peer's proof names its writer,
      // where a clock lists every writer it holds messages of, online or not.
      online: () => deps.peers.connectedWriters(),
      onError: deps.warn
    })
  }
}

/** Every change in the room's view is signed (acks after it need not be: docs/autobase.md §3). */
export function viewSigned (base: Autobase<Hyperbee>): boolean {
  const core = base.view.core
  return core.signedLength >= core.length
}
