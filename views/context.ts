// State shared by the handlers of one apply call. Deterministic: everything it knows comes
// from the view (through one batch) and the node being applied.
import type Autobase from 'autobase'
import type Hyperbee from 'hyperbee'
import { keys, ranges, positionOf, parseMessageId, seqOfRun } from './keys.js'
import type { MemberRecord, IdRunRecord, MessageRecord, ChangeRecord, RoomRecord, WriterRecord } from './records.js'
import type { Role } from './schema.js'

interface Run extends IdRunRecord { writer: string, seq: number }

export class ApplyContext {
  readonly batch: Hyperbee.Batch
  readonly host: Autobase.Host
  /** The room's creator: the writer whose key is the room key. */
  readonly creator: string
  /**
   * The room's owner now: the creator until a handover (ownership-transferred) moves it. Read
   * from the view once per apply call (load), so every handler sees the same owner.
   */
  owner: string
  private next: number | null = null
  private skipped: number | null = null
  private skippedChanged = false
  private trustChanges = 0
  private readonly members = new Map<string, boolean>()
  private readonly roles = new Map<string, Role | null>()
  private readonly clocks = new Map<string, number>()
  private readonly writers = new Map<string, WriterRecord | null>()
  private readonly dirtyClocks = new Set<string>()
  private run: Run | null = null

  constructor (batch: Hyperbee.Batch, host: Autobase.Host, owner: string) {
    this.batch = batch
    this.host = host
    this.creator = owner
    this.owner = owner
  }

  /** Reads the current owner from the view: called once, before the first block. */
  async load (): Promise<void> {
    this.owner = (await this.get<RoomRecord>(keys.room))?.owner ?? this.creator
  }

  async get<T> (key: string): Promise<T | null> {
    const entry = await this.batch.get(key)
    return entry === null ? null : entry.value as T
  }

  put (key: string, value: unknown): Promise<void> {
    return this.batch.put(key, value)
  }

  /**
   * Indexes a message by its id. Consecutive seqs of one writer at consecutive positions, in
   * one apply call, share one run (written when the run ends): Autobase calls apply once per
   * writer batch on every peer, so the runs are the same everywhere.
   */
  async indexMessage (writer: string, seq: number, position: number): Promise<void> {
    const run = this.run
    if (run !== null && run.writer === writer && run.seq + run.count === seq && run.position + run.count === position) {
      run.count++
      return
    }
    await this.endRun()
    this.run = { writer, seq, position, count: 1 }
  }

  /** Indexes the `parts` messages of one messages-posted block, at position onwards. */
  async indexPacked (writer: string, seq: number, position: number, parts: number): Promise<void> {
    await this.endRun()
    const record: IdRunRecord = { position, count: 1, parts }
    await this.put(keys.idRun(writer, seq), record)
  }

  private async endRun (): Promise<void> {
    const run = this.run
    if (run === null) return
    this.run = null
    const record: IdRunRecord = { position: run.position, count: run.count }
    await this.put(keys.idRun(run.writer, run.seq), record)
  }

  /**
   * A message by its id, as this apply call sees the view (its own writes included): the id
   * runs give the position, as views/messages-reads.ts `locate` does on the live view. The run
   * this call is still building is looked at first, so a message and a change to it in one
   * writer batch find each other. null when no such message is in the view.
   */
  async locate (id: string): Promise<{ position: number, record: MessageRecord } | null> {
    const parsed = parseMessageId(id)
    if (parsed === null) return null
    const at = this.pendingPosition(parsed.writer, parsed.seq, parsed.part) ?? await this.runPosition(parsed.writer, parsed.seq, parsed.part)
    if (at === null) return null
    const record = await this.get<MessageRecord>(keys.message(at))
    return record !== null && record.id === id ? { position: at, record } : null
  }

  /**
   * Records that this writer's block changed message `id` (chg/<writer>/<seq>): the reader finds
   * the messages to announce as updated from it (docs/architecture.md §4.1).
   */
  recordChange (writer: string, seq: number, id: string): Promise<void> {
    return this.put(keys.change(writer, seq), { id } satisfies ChangeRecord)
  }

  private pendingPosition (writer: string, seq: number, part: number | undefined): number | null {
    const run = this.run
    if (run === null || part !== undefined || run.writer !== writer || seq < run.seq || seq >= run.seq + run.count) return null
    return run.position + seq - run.seq
  }

  private async runPosition (writer: string, seq: number, part: number | undefined): Promise<number | null> {
    const entry = await this.batch.peek({ ...ranges.idRunsUpTo(writer, seq), reverse: true })
    if (entry === null) return null
    const run = entry.value as IdRunRecord
    const offset = seq - seqOfRun(entry.key)
    if (offset >= run.count) return null
    if (run.parts === undefined) return part === undefined ? run.position + offset : null
    return part !== undefined && part < run.parts ? run.position + part : null
  }

  del (key: string): Promise<void> {
    return this.batch.del(key)
  }

  /** A writer's binding to an identity (v4), or null: it is its own identity. Cached per call. */
  async writerRecord (writer: string): Promise<WriterRecord | null> {
    let record = this.writers.get(writer)
    if (record === undefined) {
      record = await this.get<WriterRecord>(keys.writer(writer))
      this.writers.set(writer, record)
    }
    return record
  }

  /**
   * Who a writer acts for, for every rule of who may: its bound identity, or itself when it has
   * no binding (every writer before v4) or its device was removed (then it is no member).
   */
  async identityOf (writer: string): Promise<string> {
    const record = await this.writerRecord(writer)
    return record === null || record.removed === true ? writer : record.identity
  }

  /** Who wrote a message, as a person: the binding, even of a removed device (history keeps its author). */
  async authorOf (writer: string): Promise<string> {
    return (await this.writerRecord(writer))?.identity ?? writer
  }

  /** Writes a writer's binding and keeps this call's cache true. */
  async putWriter (writer: string, record: WriterRecord): Promise<void> {
    await this.put(keys.writer(writer), record)
    this.writers.set(writer, record)
  }

  /** A current member: the owner, or someone admitted and not removed since. */
  async isMember (key: string): Promise<boolean> {
    if (key === this.owner) return true
    let known = this.members.get(key)
    if (known === undefined) {
      known = (await this.get<MemberRecord>(keys.member(key))) !== null
      this.members.set(key, known)
    }
    return known
  }

  setMember (key: string, isMember: boolean): void {
    this.members.set(key, isMember)
    this.roles.delete(key)
  }

  /** A current member's role, or null for anyone else. */
  async role (key: string): Promise<Role | null> {
    let role = this.roles.get(key)
    if (role === undefined) {
      role = (await this.get<MemberRecord>(keys.member(key)))?.role ?? null
      this.roles.set(key, role)
    }
    return role
  }

  /** The owner or an admin: who may remove members, promote, and sign (docs/architecture.md §3). */
  async isAdmin (key: string): Promise<boolean> {
    const role = await this.role(key)
    return role === 'owner' || role === 'admin'
  }

  /** Writes a member's record (its role changed) and keeps this call's caches true. */
  async putMember (key: string, record: MemberRecord): Promise<void> {
    await this.put(keys.member(key), record)
    this.changedTrust()
    this.members.set(key, true)
    this.roles.set(key, record.role)
  }

  /**
   * Whether this writer's block `seq` is already folded into the view: each writer's blocks
   * are applied in seq order and clock/<key> records the last one, so seq <= clock means
   * Autobase is handing us a block a second time (it does after a SIGKILL mid-apply: the
   * view was flushed, its own record of what was applied was not).
   */
  async applied (key: string, seq: number): Promise<boolean> {
    let clock = this.clocks.get(key)
    if (clock === undefined) {
      clock = (await this.get<number>(keys.clock(key))) ?? -1
      this.clocks.set(key, clock)
    }
    return seq <= clock
  }

  /** Records that `seq` is this writer's last applied block; written once, at flush. */
  setClock (key: string, seq: number): void {
    this.clocks.set(key, seq)
    this.dirtyClocks.add(key)
  }

  /** The next message position, in linearised order: after the last message in the view. */
  async nextPosition (): Promise<number> {
    if (this.next === null) {
      const last = await this.batch.peek({ ...ranges.messages, reverse: true })
      this.next = last === null ? 0 : positionOf(last.key) + 1
    }
    return this.next++
  }

  /**
   * Who is in, or a role, changed: meta/trust moves by one per change (src/trust/ rechecks
   * peers when it moves). Counted per change, not per apply call, so batching cannot matter.
   */
  changedTrust (): void {
    this.trustChanges++
  }

  async skip (): Promise<void> {
    if (this.skipped === null) this.skipped = (await this.get<number>(keys.skipped)) ?? 0
    this.skipped++
    this.skippedChanged = true
  }

  async flush (): Promise<void> {
    await this.endRun()
    if (this.skippedChanged && this.skipped !== null) await this.put(keys.skipped, this.skipped)
    if (this.trustChanges > 0) await this.put(keys.trust, ((await this.get<number>(keys.trust)) ?? 0) + this.trustChanges)
    // One clock entry per writer per apply call, not one per block: fewer puts in a burst.
    for (const key of this.dirtyClocks) await this.put(keys.clock(key), this.clocks.get(key))
    await this.batch.flush()
  }
}
