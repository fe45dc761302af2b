// The typed client of the local node's HTTP API. Every call carries the page's session cookie
// (HttpOnly: this code never sees it; src/server/session.ts), as a same-origin request does;
// the live stream is read with fetch, like the rest.
import type {
  DevicesReply, LinkCodeReply, JoinAccountBody,
  AvatarData, AvatarReply, ContactBody, ContactReply, CreateInviteBody, CreateRoomBody, EditBody, ErrorReply, InvitePolicyBody,
  InviteReply, InvitesReply, JoinRoomBody, LinkReply, Member, MembersReply, Message, MessagesReply, OwnerBody, PendingJoin,
  NotifyBody, NotifyLevel, NotifySettings, ReadBody, SearchReply, Unread, PingReply, Profile, ProfileBody, ProfileReply,
  ReactionBody, RoleBody, RoomSummary, RoomsReply, SeederBody, SeedersReply, SendBody, StreamEvent
} from './types.js'

export class ApiError extends Error {
  constructor (readonly status: number, readonly code: string, message: string) {
    super(message)
    this.name = 'ApiError'
  }
}

const FRIENDLY: Record<string, string> = {
  JOIN_TIMEOUT: 'No member of that room answered in time. Try again when one of them is online.',
  INTERNAL: 'Something went wrong in your local node; see its log.',
  UNAUTHORIZED: 'This page has no session with your node. Open the link that `linkup serve` printed: each link works once, for 10 minutes; restart `linkup serve` for a new one.'
}

/** The message to show for an error code: a friendlier one where there is one. */
export function friendly (code: string, message: string): string {
  return FRIENDLY[code] ?? message
}

export class Api {
  private async call<T, B = never> (method: string, path: string, body?: B): Promise<T> {
    const headers: Record<string, string> = {}
    if (body !== undefined) headers['content-type'] = 'application/json'
    const res = await fetch(path, { method, headers, body: body === undefined ? null : JSON.stringify(body) })
    const data = await res.json().catch(() => ({})) as Partial<ErrorReply>
    if (!res.ok) {
      const code = data.code ?? 'HTTP_' + res.status
      throw new ApiError(res.status, code, FRIENDLY[code] ?? data.message ?? res.statusText)
    }
    return data as T
  }

  async profile (): Promise<Profile | null> {
    return (await this.call<ProfileReply>('GET', '/api/profile')).profile
  }

  async setProfile (name: string, avatar?: AvatarData | null): Promise<Profile | null> {
    return (await this.call<ProfileReply, ProfileBody>('PUT', '/api/profile', avatar === undefined ? { name } : { name, avatar })).profile
  }

  /** This person's devices (docs/architecture.md §16). */
  devices (): Promise<DevicesReply> { return this.call<DevicesReply>('GET', '/api/devices') }
  /** A one-time code for linking a new device (10 minutes). */
  linkDevice (): Promise<LinkCodeReply> { return this.call<LinkCodeReply>('POST', '/api/devices/link') }
  /** Links this node to the account that made the code; resolves once linked. */
  joinAccount (code: string, name?: string): Promise<DevicesReply> {
    return this.call<DevicesReply, JoinAccountBody>('POST', '/api/account/join', name === undefined ? { code } : { code, name })
  }
  async removeDevice (key: string): Promise<void> { await this.call('DELETE', `/api/devices/${key}`) }

  async rooms (): Promise<RoomSummary[]> {
    return (await this.call<RoomsReply>('GET', '/api/rooms')).rooms
  }

  createRoom (alias: string): Promise<RoomSummary> {
    return this.call<RoomSummary, CreateRoomBody>('POST', '/api/rooms', { alias })
  }

  /** Starts a join: the outcome comes on the live stream ('join'), unless it is joined already. */
  joinRoom (invite: string): Promise<PendingJoin> {
    return this.call<PendingJoin, JoinRoomBody>('POST', '/api/rooms/join', { invite })
  }

  /** Cancels a waiting join, or dismisses one that failed. */
  cancelJoin (room: string): Promise<PendingJoin> {
    return this.call<PendingJoin>('DELETE', `/api/rooms/join/${room}`)
  }

  /** Makes an invite; omitted options: it never expires and lets any number of people in. */
  createInvite (room: string, opts: CreateInviteBody = {}): Promise<InviteReply> {
    return this.call<InviteReply, CreateInviteBody>('POST', `/api/rooms/${room}/invites`, opts)
  }

  invites (room: string): Promise<InvitesReply> {
    return this.call<InvitesReply>('GET', `/api/rooms/${room}/invites`)
  }

  async revokeInvite (room: string, id: string): Promise<void> {
    await this.call('DELETE', `/api/rooms/${room}/invites/${id}`)
  }

  async setInvitePolicy (room: string, adminsOnly: boolean): Promise<void> {
    await this.call<unknown, InvitePolicyBody>('PUT', `/api/rooms/${room}/invite-policy`, { adminsOnly })
  }

  async setRole (room: string, key: string, role: RoleBody['role']): Promise<void> {
    await this.call<unknown, RoleBody>('PUT', `/api/rooms/${room}/members/${key}/role`, { role })
  }

  async removeMember (room: string, key: string): Promise<void> {
    await this.call('DELETE', `/api/rooms/${room}/members/${key}`)
  }

  async transferOwnership (room: string, key: string): Promise<void> {
    await this.call<unknown, OwnerBody>('POST', `/api/rooms/${room}/owner`, { key })
  }

  /** This user's nickname for a key (null removes it) and/or whether they verified it: local only. */
  setContact (key: string, contact: ContactBody): Promise<ContactReply> {
    return this.call<ContactReply, ContactBody>('PUT', `/api/contacts/${key}`, contact)
  }

  async messages (room: string, opts: { limit: number, before?: string, after?: string }): Promise<Message[]> {
    const q = new URLSearchParams({ limit: String(opts.limit) })
    if (opts.before !== undefined) q.set('before', opts.before)
    if (opts.after !== undefined) q.set('after', opts.after)
    return (await this.call<MessagesReply>('GET', `/api/rooms/${room}/messages?${q.toString()}`)).messages
  }

  send (room: string, text: string, opts: { replyTo?: string, mentions?: string[] } = {}): Promise<Message> {
    const body: SendBody = { text }
    if (opts.replyTo !== undefined) body.replyTo = opts.replyTo
    if (opts.mentions !== undefined && opts.mentions.length > 0) body.mentions = opts.mentions
    return this.call<Message, SendBody>('POST', `/api/rooms/${room}/messages`, body)
  }

  /** One message by id, or null when the room does not show it (unknown, or hidden by ~clear). */
  async message (room: string, id: string): Promise<Message | null> {
    try {
      return await this.call<Message>('GET', this.messagePath(room, id))
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) return null
      throw err
    }
  }

  edit (room: string, id: string, text: string, mentions?: string[]): Promise<Message> {
    const body: EditBody = mentions === undefined || mentions.length === 0 ? { text } : { text, mentions }
    return this.call<Message, EditBody>('PATCH', this.messagePath(room, id), body)
  }

  delete (room: string, id: string): Promise<Message> {
    return this.call<Message>('DELETE', this.messagePath(room, id))
  }

  react (room: string, id: string, emoji: string, on: boolean): Promise<Message> {
    return this.call<Message, ReactionBody>('POST', `${this.messagePath(room, id)}/${on ? 'react' : 'unreact'}`, { emoji })
  }

  private messagePath (room: string, id: string): string {
    return `/api/rooms/${room}/messages/${encodeURIComponent(id)}`
  }

  /** Full-text search over every room of the node, newest first (GET /api/search). */
  async search (q: string, opts: { room?: string, author?: string, limit?: number } = {}): Promise<SearchReply['results']> {
    const query = new URLSearchParams({ q, limit: String(opts.limit ?? 20) })
    if (opts.room !== undefined) query.set('room', opts.room)
    if (opts.author !== undefined) query.set('author', opts.author)
    return (await this.call<SearchReply>('GET', `/api/search?${query.toString()}`)).results
  }

  /** Moves this user's read marker in a room up to message `upTo` (all of it if omitted). */
  markRead (room: string, upTo?: string): Promise<Unread> {
    return this.call<Unread, ReadBody>('POST', `/api/rooms/${room}/read`, upTo === undefined ? {} : { upTo })
  }

  /** Says this user is typing in the room (the node rate-limits what it sends on). */
  async typing (room: string): Promise<void> {
    await this.call('POST', `/api/rooms/${room}/typing`)
  }

  notifications (): Promise<NotifySettings> {
    return this.call<NotifySettings>('GET', '/api/notifications')
  }

  /** Sets one room's notification level (null: back to the overall one), or the overall level. */
  setNotifications (level: NotifyLevel | null, room?: string): Promise<NotifySettings> {
    return this.call<NotifySettings, NotifyBody>('PUT', '/api/notifications', room === undefined ? { level } : { room, level })
  }

  typingIndicators (): Promise<{ on: boolean }> {
    return this.call<{ on: boolean }>('GET', '/api/typing-indicators')
  }

  /** Typing indicators on this device, both ways. */
  setTypingIndicators (on: boolean): Promise<{ on: boolean }> {
    return this.call<{ on: boolean }, { on: boolean }>('PUT', '/api/typing-indicators', { on })
  }

  async leave (room: string, opts: { anyway?: boolean } = {}): Promise<void> {
    await this.call('POST', `/api/rooms/${room}/leave`, opts.anyway === true ? { anyway: true } : {})
  }

  async clear (room: string): Promise<void> { await this.call('POST', `/api/rooms/${room}/clear`) }

  async ping (room: string): Promise<PingReply['peers']> {
    return (await this.call<PingReply>('POST', `/api/rooms/${room}/ping`)).peers
  }

  async members (room: string): Promise<Member[]> {
    return (await this.call<MembersReply>('GET', `/api/rooms/${room}/members`)).members
  }

  /** The seeders keeping the room (its list, then this node's own), and whether it can have any. */
  seeders (room: string): Promise<SeedersReply> {
    return this.call<SeedersReply>('GET', `/api/rooms/${room}/seeders`)
  }

  addSeeder (room: string, key: string): Promise<SeedersReply> {
    return this.call<SeedersReply, SeederBody>('POST', `/api/rooms/${room}/seeders`, { key })
  }

  async removeSeeder (room: string, key: string): Promise<void> {
    await this.call('DELETE', `/api/rooms/${room}/seeders/${key}`)
  }

  async avatar (room: string, key: string): Promise<AvatarData | null> {
    return (await this.call<AvatarReply>('GET', `/api/rooms/${room}/avatars/${key}`)).avatar
  }

  /**
   * Uploads a file as a message, streaming the bytes as the body. XMLHttpRequest rather than
   * fetch: only it reports upload progress.
   */
  upload (room: string, file: Blob, name: string, onProgress: (sent: number, total: number) => void): Promise<Message> {
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest()
      xhr.open('POST', `/api/rooms/${room}/files?name=${encodeURIComponent(name)}`)
      xhr.setRequestHeader('content-type', file.type !== '' ? file.type : 'application/octet-stream')
      xhr.upload.onprogress = (e) => { onProgress(e.loaded, e.lengthComputable ? e.total : file.size) }
      xhr.onerror = () => { reject(new ApiError(0, 'NETWORK', 'The upload was interrupted')) }
      xhr.onload = () => {
        let data: Partial<ErrorReply> = {}
        try { data = JSON.parse(xhr.responseText) as typeof data } catch {}
        if (xhr.status === 201) resolve(data as unknown as Message)
        else reject(new ApiError(xhr.status, data.code ?? 'HTTP_' + xhr.status, FRIENDLY[data.code ?? ''] ?? data.message ?? xhr.statusText))
      }
      xhr.send(file)
    })
  }

  async sendAudio (room: string, recording: Blob, durationMs: number): Promise<Message> {
    const res = await fetch(`/api/rooms/${room}/audio?duration=${Math.round(durationMs)}`, {
      method: 'POST',
      headers: { 'content-type': recording.type.split(';')[0] ?? 'audio/webm' },
      body: recording
    })
    const data = await res.json().catch(() => ({})) as Partial<ErrorReply>
    if (!res.ok) throw new ApiError(res.status, data.code ?? 'HTTP_' + res.status, data.message ?? res.statusText)
    return data as unknown as Message
  }

  /** A signed, short-lived URL for one file message, usable by <img>, <audio>, <video> and links. */
  fileLink (room: string, id: string): Promise<LinkReply> {
    return this.call<LinkReply>('POST', `/api/rooms/${room}/files/${encodeURIComponent(id)}/link`)
  }

  /** Reads the live stream until it ends or `signal` aborts. Resolves when the stream closes. */
  async stream (onEvent: (ev: StreamEvent) => void, signal: AbortSignal): Promise<void> {
    const res = await fetch('/api/events', { signal })
    if (res.status === 401) throw new ApiError(401, 'UNAUTHORIZED', friendly('UNAUTHORIZED', 'No session'))
    if (!res.ok || res.body === null) throw new ApiError(res.status, 'HTTP_' + res.status, 'The live stream was refused')
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader()
    let buffer = ''
    for (;;) {
      const { value, done } = await reader.read()
      if (done) return
      buffer += value
      let end: number
      while ((end = buffer.indexOf('\n\n')) !== -1) {
        const chunk = buffer.slice(0, end)
        buffer = buffer.slice(end + 2)
        const data = chunk.split('\n').filter(l => l.startsWith('data: ')).map(l => l.slice(6)).join('\n')
        if (data !== '') onEvent(JSON.parse(data) as StreamEvent)
      }
    }
  }
}
