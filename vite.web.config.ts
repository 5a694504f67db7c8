import { defineConfig } from 'vite';

// The web host is a plain Node program: built as an SSR bundle so that `npm run web`
// needs no TypeScript loader at run time. Dependencies stay in node_modules.
export default defineConfig({
  build: {
    ssr: true,
    outDir: 'out/web',
    emptyOutDir: true,
    target: 'node20',
    rollupOptions: {
      // The script worker is its own entry: a worker_thread loads it by file (scripts-worker.js).
      input: { index: 'electron/web/index.ts', 'scripts-worker': 'electron/engine/scripts/worker.ts' },
      output: { entryFileNames: '[name].js', format: 'es' },
    },
  },
});
