/**
 * Runs tests/support/profile-writer.ts as its own Node process: bundled once per test file
 * with Vite (dependencies stay in node_modules), so the writer is real code in a real process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'vite';

export async function buildProfileWriter(): Promise<string> {
  // Inside node_modules: the bundle's imports of its dependencies resolve from there.
  mkdirSync(resolve('node_modules/.cache'), { recursive: true });
  const outDir = mkdtempSync(resolve('node_modules/.cache/mqscope-writer-'));
  await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      ssr: resolve('tests/support/profile-writer.ts'),
      outDir,
      target: 'node20',
      rollupOptions: { output: { entryFileNames: 'writer.mjs', format: 'es' } },
    },
  });
  return join(outDir, 'writer.mjs');
}

export interface WriterLine {
  acked?: string;
  refused?: string;
  name?: string;
  message?: string;
}

export interface WriterProcess {
  child: ChildProcess;
  lines: WriterLine[];
  exited: Promise<number | null>;
}

export function startProfileWriter(
  script: string,
  dataDir: string,
  mode: 'race' | 'loop',
  count: number,
  tag: string,
): WriterProcess {
  // cwd: the repository, so the bundle finds node_modules.
  const child = spawn(process.execPath, [script, dataDir, mode, String(count), tag], {
    stdio: ['ignore', 'pipe', 'pipe'],
    cwd: process.cwd(),
  });
  const lines: WriterLine[] = [];
  let buffer = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    let at: number;
    while ((at = buffer.indexOf('\n')) >= 0) {
      lines.push(JSON.parse(buffer.slice(0, at)) as WriterLine);
      buffer = buffer.slice(at + 1);
    }
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((done) =>
    child.once('exit', (code) => {
      if (code !== 0 && code !== null && stderr) process.stderr.write(stderr);
      done(code);
    }),
  );
  return { child, lines, exited };
}
