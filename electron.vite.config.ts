/**
 * Builds the three bundles: main (CommonJS, dependencies external — the SQLCipher
 * binding is native), the sandboxed preload (one self-contained CommonJS file) and
 * the React renderer. Output: out/main, out/preload, out/renderer.
 */
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';

const root = import.meta.dirname;

/**
 * Only under `electron-vite dev`: Vite's hot reload needs inline scripts and styles
 * and a websocket, which the production policy forbids. Built files keep the strict policy.
 */
function relaxCspForDevServer(): Plugin {
  return {
    name: 'vigil-dev-csp',
    apply: 'serve',
    transformIndexHtml(html) {
      return html
        .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
        .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
        .replace("connect-src 'self'", "connect-src 'self' ws://localhost:* ws://127.0.0.1:*");
    },
  };
}

export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, 'out/main'),
      externalizeDeps: true,
      rolldownOptions: {
        // The text-extraction, crypto and redaction workers and the core host need files of their own beside index.js
        // (main/ingest/worker-path.ts).
        input: {
          index: resolve(root, 'main/app/index.ts'),
          'extract-worker': resolve(root, 'main/ingest/extract-worker.ts'),
          'crypto-worker': resolve(root, 'main/workers/crypto-worker.ts'),
          'redact-worker': resolve(root, 'main/evidence/redact/redact-worker.ts'),
          // The core host (main/host): a utilityProcess in the app, a forked child in the E2E harness.
          'core-host-entry': resolve(root, 'main/host/core-host-entry.ts'),
        },
        // Shared chunks sit beside the entries, not in chunks/: the core finds its workers through __dirname, which
        // in a chunk is the chunk's folder (with the core host as a second entry, most of the core is a chunk).
        output: { format: 'cjs', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      // A sandboxed preload can require only 'electron': everything else is bundled in.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(root, 'main/preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].js', codeSplitting: false },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    base: './',
    plugins: [react(), relaxCspForDevServer()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      emptyOutDir: true,
      rolldownOptions: {
        input: { index: resolve(root, 'renderer/index.html') },
      },
    },
  },
});
