import { defineConfig } from 'vitest/config'
import { availableParallelism } from 'node:os'

export default defineConfig({
  test: {
    // tests/render prints through LibreOffice: run once (`npm run check:render`, a step of `npm test`), not per zone
    include: process.env.DESK_RENDER ? ['tests/render/**/*.test.ts'] : ['tests/**/*.test.ts'],
    exclude: process.env.DESK_RENDER ? ['**/node_modules/**'] : ['**/node_modules/**', 'tests/render/**'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // vitest leaves a core free by default: on a 2-core CI machine that is one test file at a time, while a file
    // mostly waits on a child process or Chromium. At least two forks keep both cores busy (measured: 900 s → see
    // the commit); no test asserts a duration, so sharing the cores changes nothing but the wall time.
    maxWorkers: Math.max(2, availableParallelism()),
    globalSetup: ['tests/setup/cli-bundle.ts']
  }
})
