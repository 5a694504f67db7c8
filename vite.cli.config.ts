import { chmod } from 'node:fs/promises';
import { join } from 'node:path';
import { defineConfig } from 'vite';

const OUT_DIR = 'out/cli';

// The `mqscope` command (package.json "bin"): an SSR bundle like the web host, so it runs
// with plain Node; dependencies stay in node_modules. The shebang and the executable bit
// let `npx mqscope` (and a linked install) run it directly.
export default defineConfig({
  build: {
    ssr: 'electron/cli/index.ts',
    outDir: OUT_DIR,
    emptyOutDir: true,
    target: 'node20',
    rollupOptions: {
      output: { entryFileNames: 'index.js', format: 'es', banner: '#!/usr/bin/env node' },
    },
  },
  plugins: [
    {
      name: 'mqscope-cli-executable',
      writeBundle: () => chmod(join(OUT_DIR, 'index.js'), 0o755),
    },
  ],
});
