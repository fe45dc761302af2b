// The built UI (ui/dist). The file list is read once at start-up, so only files that exist in
// the build can ever be served: no path from the URL touches the file system.
import type { FastifyPluginAsync } from 'fastify'
import { readdir, readFile } from 'node:fs/promises'
import { extname, join, relative, sep } from 'node:path'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.map': 'application/json'
}

async function listFiles (dir: string): Promise<string[]> {
  const out: string[] = []
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name)
    if (entry.isDirectory()) out.push(...await listFiles(full))
    else if (entry.isFile()) out.push(full)
  }
  return out
}

export const staticRoutes: FastifyPluginAsync<{ uiDir: string }> = async (app, { uiDir }) => {
  const files = new Map<string, { body: Buffer, type: string }>()
  for (const file of await listFiles(uiDir)) {
    const url = '/' + relative(uiDir, file).split(sep).join('/')
    files.set(url, { body: await readFile(file), type: TYPES[extname(file)] ?? 'application/octet-stream' })
  }
  const index = files.get('/index.html')
  if (index === undefined) throw new Error(`The UI is not built: no index.html in ${uiDir} (run npm run build)`)

  app.get('/', { config: { public: true } }, async (_req, reply) => {
    return reply.type(index.type).header('cache-control', 'no-cache').send(index.body)
  })
  app.get('/*', { config: { public: true } }, async (req, reply) => {
    const path = req.url.split('?')[0] ?? ''
    const file = files.get(path)
    if (file === undefined || path.startsWith('/api')) {
      return reply.code(404).type('text/plain; charset=utf-8').send('Not found')
    }
    const immutable = path.startsWith('/assets/')
    return reply.type(file.type).header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache').send(file.body)
  })
}
