/**
 * The `mqscope` command as its own Node process, bundled once per test file with Vite
 * (dependencies stay in node_modules): for tests that must kill a real process.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'vite';

export async function buildCli(): Promise<string> {
  // Inside node_modules: the bundle's imports of its dependencies resolve from there.
  mkdirSync(resolve('node_modules/.cache'), { recursive: true });
  const outDir = mkdtempSync(resolve('node_modules/.cache/mqscope-cli-'));
  await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      ssr: resolve('electron/cli/index.ts'),
      outDir,
      target: 'node20',
      rollupOptions: { output: { entryFileNames: 'cli.mjs', format: 'es' } },
    },
  });
  return join(outDir, 'cli.mjs');
}
