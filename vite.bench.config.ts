import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// `npm run bench` is a plain Node program: built like the web host (an SSR bundle), so it
// needs no TypeScript runner. Dependencies stay in node_modules. The Electron IPC level runs
// the real preload against the glue tests' stand-in for the `electron` module.
export default defineConfig({
  resolve: {
    alias: [
      {
        find: /^electron$/,
        replacement: fileURLToPath(new URL('./tests/glue/electron-stand-in.ts', import.meta.url)),
      },
    ],
  },
  build: {
    ssr: true,
    outDir: 'out/bench',
    emptyOutDir: true,
    target: 'node20',
    rollupOptions: {
      input: {
        stream: 'bench/stream.bench.ts',
        // `npm run bench:band`: five runs of stream.js and their noise bands.
        band: 'bench/band-run.ts',
        publisher: 'bench/publisher.ts',
        requester: 'bench/requester.ts',
        // bench/scripts.ts starts the script worker from this file, beside stream.js.
        'scripts-worker': 'electron/engine/scripts/worker.ts',
      },
      output: { entryFileNames: '[name].js', format: 'es' },
    },
  },
});
