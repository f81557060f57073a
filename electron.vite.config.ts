import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'
import { resolve } from 'node:path'

export default defineConfig({
  main: {
    build: {
      // chinese-days is a data file (imported as JSON) the bundle carries, rather than a JSON import Node must resolve
      externalizeDeps: { exclude: ['chinese-days'] },
      // The desk's thread (handlers/worker/thread.ts) is built beside the main bundle as desk-thread.js.
      rollupOptions: { input: { index: resolve(__dirname, 'electron/main/index.ts'), 'desk-thread': resolve(__dirname, 'handlers/worker/thread.ts') } }
    }
  },
  preload: {
    build: {
      externalizeDeps: true,
      // Sandboxed preloads must be CommonJS.
      rollupOptions: {
        input: { index: resolve(__dirname, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' }
      }
    }
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [react()],
    build: {
      minify: true,
      rollupOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } }
    }
  }
})
