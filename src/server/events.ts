// The live stream: GET /api/events answers with Server-Sent Events framing on a response that
// stays open. The UI reads it with fetch (EventSource cannot send the Authorization header).
//
// One EventHub listens to the Client and every room once and fans out to the open streams,
// so a browser tab costs one set of listeners no matter how many rooms there are.
import type { FastifyPluginAsync } from 'fastify'
import type { ServerResponse } from 'node:http'
import type { Message, RoomStatus, ServerClient, ServerRoom } from './client-api.js'
import type { NotifySettings, PendingJoin, StreamEvent, Unread } from './schemas.js'
import { summary } from './routes/rooms.js'
import type { Joins } from './joins.js'

type Listener = (ev: StreamEvent) => void

const HEARTBEAT_MS = 15_000

export class EventHub {
  private readonly listeners = new Set<Listener>()
  private readonly detachers = new Map<ServerRoom, () => void>()
  private readonly onRoom = (room: ServerRoom): void => {
    this.watch(room)
    this.emit({ type: 'room', room: summary(room) })
  }

  private readonly onContact = (key: string): void => {
    this.emit({ type: 'contact', key })
  }

  private readonly onRoomRemoved = (room: ServerRoom): void => {
    this.detachers.get(room)?.()
    this.detachers.delete(room)
    this.emit({ type: 'room-removed', room: room.id })
  }

  private readonly onDeviceRemoved = (): void => this.emit({ type: 'device-removed' })
  private readonly onJoin = (join: PendingJoin): void => this.emit({ type: 'join', join })
  private readonly onNotifications = (settings: NotifySettings): void => this.emit({ type: 'notifications', settings: { all: settings.all, rooms: { ...settings.rooms } } })

  constructor (private readonly client: ServerClient, private readonly joins: Joins) {
    client.on('room', this.onRoom)
    client.on('room-removed', this.onRoomRemoved)
    client.on('contact', this.onContact)
    client.on('deviceRemoved', this.onDeviceRemoved)
    joins.on('join', this.onJoin)
    client.on('notifications', this.onNotifications)
    for (const room of client.rooms) this.watch(room)
  }

  subscribe (fn: Listener): () => void {
    this.listeners.add(fn)
    return () => { this.listeners.delete(fn) }
  }

  close (): void {
    this.client.off('room', this.onRoom)
    this.client.off('room-removed', this.onRoomRemoved)
    this.client.off('contact', this.onContact)
    this.client.off('deviceRemoved', this.onDeviceRemoved)
    this.joins.off('join', this.onJoin)
    this.client.off('notifications', this.onNotifications)
    for (const detach of this.detachers.values()) detach()
    this.detachers.clear()
    this.listeners.clear()
  }

  private emit (ev: StreamEvent): void {
    for (const fn of this.listeners) fn(ev)
  }

  private watch (room: ServerRoom): void {
    if (this.detachers.has(room)) return
    const id = room.id
    const handlers: Record<string, (...args: unknown[]) => void> = {
      message: (m) => this.emit({ type: 'message', room: id, message: m as Message }),
      update: (m) => this.emit({ type: 'update', room: id, message: m as Message }),
      reset: () => this.emit({ type: 'reset', room: id }),
      status: (s) => this.emit({ type: 'status', room: id, status: s as RoomStatus }),
      profile: () => this.emit({ type: 'profile', room: id }),
      cleared: () => this.emit({ type: 'cleared', room: id }),
      typing: (t) => this.emit({ type: 'typing', room: id, typists: (t as Array<{ key: string, name: string }>).map(({ key, name }) => ({ key, name })) }),
      unread: (u) => this.emit({ type: 'unread', room: id, unread: { ...(u as Unread) } }),
      seen: (seq) => this.emit({ type: 'seen', room: id, seq: seq as number }),
      interrupted: (err) => this.emit({ type: 'interrupted', room: id, message: (err as Error).message }),
      access: () => this.emit({ type: 'access', room: id }),
      role: (role) => this.emit({ type: 'role', room: id, role: role as ServerRoom['role'], mayInvite: room.mayInvite }),
      'invite-policy': () => this.emit({ type: 'role', room: id, role: room.role, mayInvite: room.mayInvite }),
      removed: (how) => this.emit({ type: 'removed', room: id, by: (how as { by: string | null }).by }),
      // a joined room took its own name (Room 'renamed'): the room again, with its alias
      renamed: () => this.emit({ type: 'room', room: summary(room) }),
      // a room listed while still opening is open (Room 'ready'): the room again, all of it known
      ready: () => this.emit({ type: 'room', room: summary(room) }),
      'download-progress': (p) => {
        const { id: mid, bytes, total } = p as { id: string, bytes: number, total: number }
        this.emit({ type: 'download-progress', room: id, id: mid, bytes, total })
      }
    }
    for (const [name, fn] of Object.entries(handlers)) room.on(name, fn)
    this.detachers.set(room, () => { for (const [name, fn] of Object.entries(handlers)) room.off(name, fn) })
  }
}

export function frame (ev: StreamEvent): string {
  return `event: ${ev.type}\ndata: ${JSON.stringify(ev)}\n\n`
}

export const eventRoutes: FastifyPluginAsync<{ client: ServerClient, joins: Joins }> = async (app, { client, joins }) => {
  const hub = new EventHub(client, joins)
  const open = new Set<ServerResponse>()
  // End the open streams before the server stops (preClose), so each ends cleanly instead of
  // holding close() open or being cut mid-chunk.
  app.addHook('preClose', async () => {
    hub.close()
    for (const res of open) res.end()
  })

  app.get('/api/events', async (req, reply) => {
    const res = reply.raw
    const headers: Record<string, string> = {}
    for (const [k, v] of Object.entries(reply.getHeaders())) if (typeof v === 'string') headers[k] = v
    reply.hijack()
    res.writeHead(200, { ...headers, 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' })
    open.add(res)
    res.write(frame({ type: 'hello', rooms: client.rooms.map(r => summary(r, client.notifications)), joins: joins.list() }))
    const unsubscribe = hub.subscribe((ev) => { res.write(frame(ev)) })
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS)
    req.raw.once('close', () => {
      clearInterval(heartbeat)
      unsubscribe()
      open.delete(res)
    })
  })
}
