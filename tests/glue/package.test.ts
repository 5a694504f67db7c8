/**
 * Issue 19 #2: the package as electron-builder makes it, checked offline. Electron cannot be
 * downloaded here, so electronDist points at a stand-in directory (a shell script where the
 * binary would be): this checks what electron-builder PUTS in the package, never that the
 * packaged app runs. Needs `npm run build` first (`npm test` builds).
 */
import { execFile } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Worker } from 'node:worker_threads';
import { builtinModules, createRequire } from 'node:module';
import { extractAll, listPackage } from '@electron/asar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateIcons } from '../../scripts/icons.mjs';

const run = promisify(execFile);
const CLI = resolve('node_modules/electron-builder/cli.js');

let work: string;
let entries: string[];
let asarPath: string;
let cache: string;
let appOutDir: string;

function standInElectronDist(dir: string): string {
  const dist = join(dir, 'electron-dist');
  mkdirSync(join(dist, 'resources'), { recursive: true });
  writeFileSync(join(dist, 'electron'), '#!/bin/sh\necho "stand-in: not Electron" >&2\nexit 1\n');
  chmodSync(join(dist, 'electron'), 0o755);
  writeFileSync(join(dist, 'version'), 'stand-in');
  return dist;
}

beforeAll(async () => {
  for (const bundle of ['out/main/index.cjs', 'out/preload/index.cjs', 'out/renderer/index.html']) {
    if (!existsSync(bundle)) throw new Error(`${bundle} is missing: run \`npm run build\` first.`);
  }
  generateIcons();
  work = mkdtempSync(join(tmpdir(), 'mqscope-package-'));
  const output = join(work, 'dist');
  cache = join(work, 'cache');
  await run(
    process.execPath,
    [
      CLI,
      '--dir',
      '--linux',
      process.arch === 'arm64' ? '--arm64' : '--x64',
      '--config',
      'build/electron-builder.yml',
      `-c.electronDist=${standInElectronDist(work)}`,
      `-c.directories.output=${output}`,
      `-c.afterPack=${resolve('tests/glue/desktop-entry-hook.mjs')}`,
    ],
    {
      // Every cache electron-builder downloads into points inside `work`: the test shows
      // afterwards that nothing was fetched. There is no network here, so a download
      // attempt fails the build (and the timeout bounds one that hangs).
      env: {
        ...process.env,
        ELECTRON_BUILDER_CACHE: cache,
        ELECTRON_CACHE: cache,
        electron_config_cache: cache,
        CI: 'true',
      },
      timeout: 150_000,
      maxBuffer: 8 << 20,
    },
  );
  appOutDir = join(output, 'linux-unpacked');
  asarPath = join(appOutDir, 'resources', 'app.asar');
  entries = listPackage(asarPath, { isPack: false }).map((entry) => entry.replaceAll('\\', '/'));
}, 180_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

const topLevelModules = () =>
  new Set(entries.filter((e) => e.startsWith('/node_modules/')).map((e) => e.split('/')[2] ?? ''));

describe('the packaged app (electron-builder --dir --linux, stand-in electronDist)', () => {
  it('holds the built main, preload and renderer and the package manifest', () => {
    expect(entries).toContain('/package.json');
    expect(entries).toContain('/out/main/index.cjs');
    expect(entries).toContain('/out/preload/index.cjs');
    expect(entries).toContain('/out/renderer/index.html');
  });

  it('holds the production dependencies main loads at run time', () => {
    const modules = topLevelModules();
    for (const dep of ['mqtt', 'mqtt-packet', 'ws', 'zod', 'yaml', 'proper-lockfile', '@msgpack', 'acorn']) {
      expect(modules, dep).toContain(dep);
    }
  });

  it('loads every package main requires from inside the archive alone', () => {
    const unpacked = join(work, 'unpacked');
    extractAll(asarPath, unpacked);
    const mainBundle = join(unpacked, 'out', 'main', 'index.cjs');
    // Main loads some packages lazily (the local broker, the mqtt.js code parser): their chunks too.
    const mainDir = join(unpacked, 'out', 'main');
    const code = readdirSync(mainDir)
      .filter((file) => file.endsWith('.cjs'))
      .map((file) => readFileSync(join(mainDir, file), 'utf8'))
      .join('\n');
    const builtins = new Set(builtinModules);
    const packages = [
      ...new Set([...code.matchAll(/require\("([^".][^"]*)"\)/g)].map((m) => m[1] ?? '')),
    ].filter((name) => name !== 'electron' && !name.startsWith('node:') && !builtins.has(name));
    expect(packages).toEqual(expect.arrayContaining(['mqtt', 'ws', 'yaml', 'zod']));
    const requireFromPackage = createRequire(mainBundle);
    for (const name of packages) {
      // Resolved and loaded inside the extracted archive: a file the config left out fails here.
      expect(requireFromPackage.resolve(name).startsWith(unpacked), name).toBe(true);
      expect(() => requireFromPackage(name), name).not.toThrow();
    }
  });

  // Scripts #13: the script worker and QuickJS's wasm ship inside app.asar (no asarUnpack):
  // Electron (>= 18) loads worker_threads files from the archive, and the wasm variant reads
  // its .wasm with fs.readFileSync, which Electron's asar support serves.
  it('holds the script worker and the QuickJS wasm, and runs a script from the archive alone', async () => {
    expect(entries).toContain('/out/main/scripts-worker.cjs');
    expect(entries).toContain(
      '/node_modules/@jitl/quickjs-wasmfile-release-sync/dist/emscripten-module.wasm',
    );
    const unpacked = join(work, 'unpacked');
    if (!existsSync(unpacked)) extractAll(asarPath, unpacked);
    const worker = new Worker(join(unpacked, 'out', 'main', 'scripts-worker.cjs'));
    try {
      const answer = await new Promise<unknown>((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
        worker.postMessage({
          t: 'transform',
          req: 1,
          source: 'transform((m) => m.json.n * 2)',
          messages: [{ topic: 't', payload: '{"n":21}', bytes: '', qos: 0, retain: false }],
          budgetMs: 5000,
        });
      });
      expect(answer).toEqual({ t: 'transformed', req: 1, results: [{ ok: true, json: '42' }] });
    } finally {
      await worker.terminate();
    }
  });

  it('holds no tests, sources, source maps, Electron, Vite or renderer-only libraries', () => {
    const topLevel = new Set(entries.map((e) => e.split('/')[1]));
    for (const dir of ['tests', 'src', 'electron', 'scripts', 'build', 'docs', 'bench']) {
      expect(topLevel, dir).not.toContain(dir);
    }
    expect(entries.filter((e) => e.endsWith('.map'))).toEqual([]);
    // No native modules: nothing per platform, nothing a compiler or a rebuild would need.
    expect(entries.filter((e) => e.endsWith('.node'))).toEqual([]);
    const modules = topLevelModules();
    for (const dev of [
      'electron',
      'vite',
      'vitest',
      'electron-builder',
      'typescript',
      '@resvg',
      'monaco-editor',
      'react',
    ]) {
      expect(modules, dev).not.toContain(dev);
    }
  });

  it('was made without downloading anything (no Electron, no builder tools)', () => {
    expect(existsSync(cache) ? readdirSync(cache) : []).toEqual([]);
  });

  it('gives Linux a desktop entry in Development;Network that opens exports, recordings and mqscope: links', () => {
    const entry = readFileSync(join(appOutDir, 'desktop-entry-preview.desktop'), 'utf8');
    expect(entry).toMatch(/^Name=MQScope$/m);
    expect(entry).toMatch(/^Categories=Development;Network;$/m);
    expect(entry).toMatch(/^Exec=.*mqscope %U$/m);
    const mime = /^MimeType=(.*)$/m.exec(entry)?.[1]?.split(';') ?? [];
    expect(mime).toEqual(
      expect.arrayContaining([
        'application/x-mqscope-export+json',
        'application/x-mqscope-recording',
        'x-scheme-handler/mqscope',
      ]),
    );
  });

  it('prints its size', () => {
    const bytes = statSync(asarPath).size;
    console.log(`app.asar: ${(bytes / 1024 / 1024).toFixed(1)} MiB, ${entries.length} entries`);
    expect(bytes).toBeGreaterThan(0);
  });
});
