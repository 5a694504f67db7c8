import { defineConfig } from 'vite';

// The web host is a plain Node program: built as an SSR bundle so that `npm run web`
// needs no TypeScript loader at run time. Dependencies stay in node_modules.
export default defineConfig({
  build: {
    ssr: 'electron/web/index.ts',
    outDir: 'out/web',
    emptyOutDir: true,
    target: 'node20',
    rollupOptions: { output: { entryFileNames: 'index.js', format: 'es' } },
  },
});
