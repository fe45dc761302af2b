// Builds the Lit UI into ui/dist, which the local node serves. No inline scripts or styles
// are emitted (the page's CSP forbids them): the module preload polyfill is off and assets
// are never inlined as data: URLs into scripts.
import { defineConfig } from 'vite'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('.', import.meta.url))

export default defineConfig({
  root,
  base: '/',
  logLevel: 'warn',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: true,
    chunkSizeWarningLimit: 1200
  }
})
