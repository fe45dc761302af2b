import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Peers, testnets and browsers are heavy on 2 cores: files run one after another.
    fileParallelism: false,
    pool: 'forks',
    reporters: ['default']
  }
})
