// Files and voice messages of one room: bytes go to this user's drive, then a 'file-posted' or
// 'audio-posted' event pointing at them (with the drive version right after the write) goes to
// the room's log. Reading opens the author's drive at that version, so an old message keeps
// showing its own version even after a file of the same name was sent again.
import { Readable } from 'stream'
import b4a from 'b4a'
import { errors, LinkUpError } from '../errors.js'
import type { RoomEvent, FileRef } from '../../views/schema.js'
import type { Message } from '../message.js'
import { DriveStore } from './drive-store.js'
import { locate, DEFAULT_READ_TIMEOUT_MS, type Located } from './file-reader.js'
import { readBlob } from './blob-buffer.js'
import { openBlob } from './blob-reader.js'
import { ProgressMeter, type Progress } from './streams.js'
import { MAX_FILE_BYTES, mimeFromName, normaliseMime, sanitiseName, voiceName } from './names.js'

/** What RoomFiles needs from its Room. */
export interface FilesHost {
  append (event: RoomEvent): Promise<number>
  /** Throws (NOT_WRITABLE, CLOSED…) when append would: checked before any byte is written. */
  assertWritable (): void
  posted (seq: number): Promise<Message>
  /** The drive key the author's profile publishes, if any. */
  /** The drive the writer `writer` publishes its files in (its device's, §16.5, or its profile's). */
  authorDrive (writer: string): Promise<string | undefined>
  /** Makes sure this user's profile in the room names the own drive. */
  publishDrive (): Promise<void>
  progress (p: DownloadProgress): void
}

export interface ReadOptions {
  /** The most any one step may wait for the network, in ms (default 15 s). */
  timeout?: number
  /** Another version of the author's drive than the one the message recorded. */
  version?: number
  onProgress?: (p: Progress) => void
}

export interface StreamOptions extends ReadOptions {
  /** First byte (default 0). */
  start?: number
  /** Last byte, inclusive (default the last one). */
  end?: number
}

export interface FileInfo { name: string, mime: string, size: number, version: number | null }
export interface DownloadProgress { id: string, bytes: number, total: number }

export type FileSource = Uint8Array | Readable

const PREPARE_AT_ONCE = 4

export class RoomFiles {
  readonly store: DriveStore
  /** The largest file accepted, in bytes (ClientOptions.maxFileBytes; 100 MB by default). */
  maxBytes = MAX_FILE_BYTES
  private readonly host: FilesHost
  private preparing = 0

  constructor (host: FilesHost, store: DriveStore) {
    this.host = host
    this.store = store
  }

  ready (): Promise<void> { return this.store.ready() }
  close (): Promise<void> { return this.store.close() }
  get driveKey (): string { return this.store.key }

  async sendFile (name: string, data: FileSource, mime?: string): Promise<Message> {
    checkSource(data)
    this.host.assertWritable()
    const clean = sanitiseName(name)
    const type = normaliseMime(mime ?? mimeFromName(clean))
    const written = await this.store.write('/files', clean, data, this.maxBytes)
    return this.post({ type: 'file-posted', v: 1, ts: Date.now(), ...this.ref(written, clean, type) })
  }

  async sendAudio (data: FileSource, mime: string, durationMs: number): Promise<Message> {
    checkSource(data)
    this.host.assertWritable()
    const type = normaliseMime(mime, '')
    if (!type.startsWith('audio/')) throw errors.invalid('A voice message needs an audio media type, such as audio/webm')
    if (typeof durationMs !== 'number' || !Number.isFinite(durationMs) || durationMs < 0) {
      throw errors.invalid('durationMs is the length of the recording in milliseconds')
    }
    const name = voiceName(type)
    const written = await this.store.write('/audio', name, data, this.maxBytes)
    return this.post({ type: 'audio-posted', v: 1, ts: Date.now(), duration: Math.round(durationMs), ...this.ref(written, name, type) })
  }

  /**
   * A peer's file message entered the view: find its drive, entry and blob store now, in the
   * background, so that opening it starts with its bytes. Those round trips took ~200 ms before
   * the first byte of the bench's 50 MB read (13 % of it). Best effort: at most PREPARE_AT_ONCE
   * at a time (a catch-up of many file messages prepares some), failures are for the read to
   * report.
   */
  async prepare (message: Message): Promise<void> {
    if (message.file === undefined || message.file.drive === this.store.key || this.preparing >= PREPARE_AT_ONCE) return
    this.preparing++
    try {
      const found = await locate(this.store, await this.refOf(message), { timeout: DEFAULT_READ_TIMEOUT_MS })
      await found.drive.getBlobs()
    } finally {
      this.preparing--
    }
  }

  /** Name, type, size and version of a file message, once its entry is found. */
  async info (message: Message, opts: ReadOptions = {}): Promise<FileInfo> {
    const ref = await this.refOf(message)
    const found = await locate(this.store, ref, opts)
    return { name: ref.name, mime: ref.mime, size: found.size, version: found.version }
  }

  /** All bytes of a file message. For large files prefer createFileStream. */
  async readFile (message: Message, opts: ReadOptions = {}): Promise<Buffer> {
    // Each block decrypted straight into one buffer (blob-buffer.ts), not through the stream.
    const { found, meter, timeout } = await this.locateRange(message, opts)
    return await readBlob(found, timeout, (n) => meter.add(n))
  }

  /**
   * A stream of a file message's bytes (or of start..end, inclusive). Rejects with
   * FILE_UNAVAILABLE when no peer online holds the file; 'download-progress' reports bytes.
   */
  async createFileStream (message: Message, opts: StreamOptions = {}): Promise<Readable> {
    const { found, start, end, meter, timeout } = await this.locateRange(message, opts)
    if (found.size === 0) return Readable.from([])
    return await openBlob(found, { start, end }, timeout, (n) => meter.add(n))
  }

  /** The located file, the byte range start..end (inclusive) asked for, and its progress meter. */
  private async locateRange (message: Message, opts: StreamOptions): Promise<{ found: Located, start: number, end: number, meter: ProgressMeter, timeout: number }> {
    const ref = await this.refOf(message)
    const timeout = opts.timeout ?? DEFAULT_READ_TIMEOUT_MS
    const found = await locate(this.store, ref, opts)
    const start = opts.start ?? 0
    const end = opts.end ?? found.size - 1
    const whole = opts.start === undefined && opts.end === undefined
    if (!(found.size === 0 && whole) && (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start || end >= found.size)) {
      throw new LinkUpError('INVALID_ARGUMENT', `The range ${start}-${end} is outside the file (${found.size} bytes)`)
    }
    const meter = new ProgressMeter(end - start + 1, (p) => {
      this.host.progress({ id: message.id, ...p })
      opts.onProgress?.(p)
    })
    return { found, start, end, meter, timeout }
  }

  private ref (written: { path: string, size: number, version: number }, name: string, mime: string): FileRef {
    return { drive: this.store.key, path: written.path, name, mime, size: written.size, version: written.version }
  }

  private async post (event: RoomEvent): Promise<Message> {
    await this.host.publishDrive()
    return this.host.posted(await this.host.append(event))
  }

  private async refOf (message: Message): Promise<FileRef> {
    const file = message?.file
    if (file === undefined || (message.type !== 'file' && message.type !== 'audio')) {
      throw errors.invalid('That message has no file')
    }
    // A file message must point into its author's own drive (the one their profile names).
    const published = await this.host.authorDrive(message.author.device ?? message.author.key)
    if (published !== undefined && published !== file.drive) {
      throw errors.invalid('That file does not point into its sender\'s drive')
    }
    const ref: FileRef = { drive: file.drive, path: file.path, name: file.name, mime: file.mime, size: file.size }
    if (file.version !== undefined) ref.version = file.version
    return ref
  }
}

function checkSource (data: unknown): void {
  if (b4a.isBuffer(data) || data instanceof Readable) return
  throw errors.invalid('A file is given as bytes (a Buffer or Uint8Array) or a readable stream')
}
