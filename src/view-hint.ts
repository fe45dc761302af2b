// A joiner's first reads, named in advance by a peer that holds the view (issue #18,
// docs/architecture.md §2.6).
//
// After a fast-forward a joiner's view is sparse. Each first read of a part of it walks the
// B-tree from the root, one network round trip per level not yet here (~8 levels at 100,000
// messages, ~5 at 1,000), and a join reads 5–6 parts of the tree one after another (its own
// join's checks in apply, the admission, the reader, trust, its profile) before the first page,
// whose values then come one block at a time (a Hyperbee range read waits on each in turn).
// Traced into a room of 3,000 messages: ~130 blocks, most of them a level or a page entry at a
// time. The peer that admits a joiner walks its own copy of the view for the same reads, at the
// length the joiner will fast-forward to (the view's signed length), and sends the seqs of the
// blocks after its verdict; the joiner asks for all of them at once at its fast-forward, before
// its reads start. (Hyperbee's own extension does this a get at a time, when a get waits: each
// get still costs a round trip, and Autobase's view runs without it.)
//
// A hint, nothing more: each block is verified by Hypercore as any other, the reads themselves
// are unchanged, and a key missed here is read as before. A hint is taken only from a peer that
// admitted us, while joining, once, and holds at most MAX_HINT blocks below the length it
// names: a hostile peer can make a joiner download at most that many blocks of the room's view.
import type Hyperbee from 'hyperbee'
import type Hypercore from 'hypercore'
import { Node, YoloIndex } from 'hyperbee/lib/messages.js'
import { keys, ranges } from '../views/keys.js'
import { MAX_HINT, type ViewHint } from './network/peer-messages.js'

/** What the admitting peer knows of the joiner: its proof's writer and invite, its connection's key. */
export interface Joiner { writer: string, device: string, invite: string | null }
/** The admitting peer itself, as the joiner reads it when it judges our proof after its fast-forward. */
export interface Admitter { writer: string, device: string, identity: string }

/**
 * The newest page a join shows first (Room.messages' default, 50) and what its stream reads
 * ahead before the page is cut (traced: the 51st and 52nd newest).
 */
const PAGE = 50 + 16
/** The most entries walked in a prefix read whole (members, writers, devices …). */
const PREFIX_LIMIT = 64

/**
 * Point reads of a join, by key: apply's checks of the join (clock, ban, binding, membership),
 * the admission (the invite's uses, the room's record), trust, the profile, and the joiner
 * judging the admitting peer's proof once it has the view (its ban, binding, membership).
 */
export function joinKeys (j: Joiner, a: Admitter): string[] {
  return [
    keys.room, keys.profiles, keys.skipped, keys.admins, keys.trust, keys.invitePolicy,
    ...(j.invite === null ? [] : [keys.invite(j.invite)]),
    keys.writer(j.writer), keys.clock(j.writer), keys.ban(j.writer), keys.member(j.writer), keys.user(j.writer),
    keys.device(j.device), keys.banDevice(j.device),
    keys.writer(a.writer), keys.ban(a.writer), keys.banDevice(a.device), keys.member(a.identity), keys.ban(a.identity), keys.user(a.identity)
  ]
}

/**
 * Prefixes a join reads whole (trust and roles: writers, devices, users, clocks, seeders) or by
 * keys this peer cannot name (the joiner's identity, when it has one: its member, user and ban
 * keys lie in these subtrees). Walked whole, up to PREFIX_LIMIT entries each.
 */
const JOIN_PREFIXES: Hyperbee.Range[] = [ranges.clocks, ranges.writers, ranges.devices, ranges.users, ranges.members, ranges.bans, ranges.seeders, { gt: 'ban-device/', lt: 'ban-device0' }]

/**
 * The seqs of the view's blocks that a join's reads and its first page touch, in this peer's
 * copy at its signed length; null when there is nothing signed to name. Reads only what is
 * stored here (a peer whose own view is sparse names what it has).
 *
 * Point reads are walked here rather than by Hyperbee, naming every key and every child block of
 * each node passed, not only what a search of it reads: the joiner applies its own join before
 * most of its reads, and its puts shift the keys in the nodes they land in; and Hyperbee
 * preloads every child of a node it passes (traced in a room of 3,000 messages: when only what
 * our searches read was named, 48 blocks of the join's 131 were such neighbours and children).
 */
export async function hintFor (view: Hyperbee, joiner: Joiner, admitter: Admitter): Promise<ViewHint | null> {
  const length = view.core.signedLength
  if (length < 2) return null
  // In the order the joiner needs them: Hypercore asks for a download's blocks in the order
  // given, and a peer answers in the order asked. First what the point reads' searches read
  // (apply's reads come at once after the fast-forward), then the page and the prefixes, then
  // the other children of the nodes passed (Hyperbee's preload, a level ahead of the walk).
  const path: number[] = []
  const aside: number[] = []
  const tree = new TreeReader(view.core, length)
  const targets = [...joinKeys(joiner, admitter), ...JOIN_PREFIXES.map((r) => r.gt ?? ''), ranges.messages.lt]
  for (const key of targets) await tree.walk(Buffer.from(key), path, aside).catch(() => {})
  // Ranges through Hyperbee itself: onseq is called for every block a read needs, before its
  // caches (a checkout's start cold), which is what a cold reader fetches.
  const ranged: number[] = []
  const snap = view.checkout(length)
  const opts: Hyperbee.ReadOptions = { onseq: (seq) => { ranged.push(seq) }, wait: false, update: false }
  try {
    await drain(snap, { ...ranges.messages, reverse: true, limit: PAGE }, opts)
    for (const range of JOIN_PREFIXES) await drain(snap, { limit: PREFIX_LIMIT, ...range }, opts)
  } finally {
    await snap.close()
  }
  return { length, blocks: [...new Set([...path, ...ranged, ...aside])].slice(0, MAX_HINT) }
}

async function drain (view: Hyperbee, range: Hyperbee.Range, opts: Hyperbee.ReadOptions): Promise<void> {
  try {
    for await (const _ of view.createReadStream(range, opts)) { /* the walk is what is recorded */ }
  } catch {
    // a block not stored here: the hint names what was read before it
  }
}

interface TreeNode { keys: number[], children: number[] }

/** Hyperbee's B-tree at one length, read from the blocks stored here (never waits on the network). */
class TreeReader {
  private readonly core: Hypercore
  private readonly length: number
  private readonly blocks = new Map<number, { key: Buffer, levels: TreeNode[] }>()

  constructor (core: Hypercore, length: number) {
    this.core = core
    this.length = length
  }

  /**
   * Down from the root towards `key`: each node's block and every key in it to `path`, the
   * blocks of its children off the way to `aside`.
   */
  async walk (key: Buffer, path: number[], aside: number[]): Promise<void> {
    let seq = this.length - 1
    let node: TreeNode | undefined = (await this.block(seq)).levels[0]
    path.push(seq)
    while (node !== undefined) {
      path.push(...node.keys)
      let i = 0
      while (i < node.keys.length) {
        const c = Buffer.compare(key, (await this.block(node.keys[i])).key)
        if (c === 0) return
        if (c < 0) break
        i++
      }
      if (node.children.length === 0) return
      for (let c = 0; c < node.children.length; c += 2) if (c !== 2 * i) aside.push(node.children[c])
      seq = node.children[2 * i]
      path.push(seq)
      node = (await this.block(seq)).levels[node.children[2 * i + 1]]
    }
  }

  private async block (seq: number): Promise<{ key: Buffer, levels: TreeNode[] }> {
    let b = this.blocks.get(seq)
    if (b === undefined) {
      const raw = await this.core.get(seq, { wait: false })
      if (raw === null) throw new Error('not stored here')
      const node = Node.decode(raw)
      b = { key: node.key, levels: YoloIndex.decode(node.index).levels }
      this.blocks.set(seq, b)
    }
    return b
  }
}

/**
 * A joiner's side: takes the first hint a peer sends and, at the fast-forward (or at once if it
 * came after it), asks for its blocks all at once.
 */
export class HintedFetch {
  private readonly core: () => Hypercore
  private readonly onerror: (err: unknown) => void
  private hint: ViewHint | null = null
  private taken = false
  private forwarded = false
  private range: { destroy: () => void, done: () => Promise<void> } | null = null

  /** `core`: the view's core, read at each look (a fast-forward may swap it). */
  constructor (core: () => Hypercore, onerror: (err: unknown) => void) {
    this.core = core
    this.onerror = onerror
  }

  /** A peer that admitted us named the blocks our join will read (the first hint only). */
  take (hint: ViewHint): void {
    if (this.taken) return
    this.taken = true
    this.hint = hint
    if (this.forwarded) this.fetch()
  }

  /** The base fast-forwarded: the view holds what the hint was read at, and reads of it follow. */
  fastForwarded (): void {
    this.forwarded = true
    this.fetch()
  }

  stop (): void {
    this.hint = null
    this.taken = true
    this.range?.destroy()
    this.range = null
  }

  // Once: a later fast-forward reads on from what this one brought. Blocks past the view's
  // length (the hint read a longer view than the one fast-forwarded to) are left out.
  private fetch (): void {
    const hint = this.hint
    if (hint === null) return
    this.hint = null
    const core = this.core()
    const blocks = hint.blocks.filter((seq) => seq < core.length)
    if (blocks.length === 0) return
    const range = core.download({ blocks })
    this.range = range
    range.done().catch((err: unknown) => { if (this.range === range) this.onerror(err) }).finally(() => {
      if (this.range === range) this.range = null
    })
  }
}
