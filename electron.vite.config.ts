import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// Three builds: the main process (host + core worker + CLI), the sandboxed
// preload (one CommonJS file, as Electron's sandbox requires) and the renderer.
// CREDIT_DESK_BUILD=main builds the first alone (`npm run cli` rebuilds the CLI so).
const mainOnly = process.env.CREDIT_DESK_BUILD === 'main';

const main = {
  build: {
    outDir: 'out/main',
    // Bundled, not loaded from node_modules: their ~230 small ES modules cost `info` ~0.25 s of resolving
    // and compiling at every start (issue 22 item 7). Pure JS; the heavy libraries stay external and lazy.
    externalizeDeps: { exclude: ['zod', 'drizzle-orm', '@noble/curves', '@noble/hashes'] },
    rollupOptions: {
      input: {
        main: resolve(__dirname, 'electron/main.ts'),
        worker: resolve(__dirname, 'electron/core/worker.ts'),
        'import-worker': resolve(__dirname, 'electron/core/records/import-worker.ts'),
        'xls-worker': resolve(__dirname, 'electron/core/io/xls-worker.ts'),
        cli: resolve(__dirname, 'electron/cli.ts'),
      },
      output: {
        // out/main/cli.js is the `credit-desk` command (package.json "bin").
        banner: (chunk: { isEntry: boolean; name: string }) => (chunk.isEntry && chunk.name === 'cli' ? '#!/usr/bin/env node' : ''),
      },
    },
  },
};

export default defineConfig(mainOnly ? { main } : {
  main,
  preload: {
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      rollupOptions: {
        input: { preload: resolve(__dirname, 'electron/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      rollupOptions: { input: resolve(__dirname, 'renderer/index.html') },
    },
    plugins: [
      react(),
      // Development only: the React refresh preamble is an inline script and the dev
      // server talks over a websocket; the built page keeps the strict CSP.
      {
        name: 'credit-desk-dev-csp',
        apply: 'serve',
        transformIndexHtml: (html: string) =>
          html.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace("connect-src 'self'", "connect-src 'self' ws: http://localhost:*"),
      },
    ],
  },
});
