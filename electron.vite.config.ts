import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY } from './electron/host/csp';

// electron-vite builds three bundles from a custom layout (not its src/main default):
// main and preload from electron/, the renderer from src/.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // aedes is ESM-only: bundle it into the CommonJS main rather than rely on require(esm).
      externalizeDeps: { exclude: ['aedes', 'aedes-persistence'] },
      // The script worker is its own entry: a worker_thread loads it by file (scripts-worker.cjs).
      lib: {
        entry: {
          index: resolve(__dirname, 'electron/main/index.ts'),
          'scripts-worker': resolve(__dirname, 'electron/engine/scripts/worker.ts'),
        },
        formats: ['cjs'],
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot require() anything but 'electron': bundle zod and
      // the contract into one CommonJS file.
      externalizeDeps: false,
      lib: { entry: resolve(__dirname, 'electron/preload/index.ts'), formats: ['cjs'] },
    },
  },
  renderer: {
    root: 'src',
    plugins: [react(), cspPlugin()],
    build: {
      outDir: 'out/renderer',
      // electron-vite leaves bundles unminified; the renderer's startup cost is worth minifying.
      minify: true,
      // Read by tests/unit/startup-chunk.test.ts and the bench: which chunks the start path loads.
      manifest: true,
      rollupOptions: {
        input: resolve(__dirname, 'src/index.html'),
        output: {
          // zod and the module that turns its JIT off share one chunk: a chunk runs whole before
          // the chunks that import it, so no schema is built or parsed before jitless is set (its
          // JIT probe is an eval the CSP refuses). Split apart, the contract ran first.
          manualChunks: (id: string) =>
            id.includes('/node_modules/zod/') || id.endsWith('/src/zod-jitless.ts') ? 'zod' : undefined,
        },
      },
    },
  },
});

/**
 * Adds the CSP as a meta tag to the built page only: the dev server's hot-reload
 * preamble is an inline script that a strict policy would (rightly) block.
 */
function cspPlugin(): Plugin {
  return {
    name: 'mqscope-csp',
    apply: 'build',
    transformIndexHtml(html) {
      const meta = `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`;
      return html.replace('<head>', `<head>\n    ${meta}`);
    },
  };
}
