// Issue 18, goal 4: the renderer's start path (entry chunk + its static imports) carries none
// of the views loaded on demand, and stays within its byte bounds. Reads the build in
// out/renderer (`npm test` builds first).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readStartPath } from '../../bench/start-path';

const rendererDir = fileURLToPath(new URL('../../out/renderer/', import.meta.url));

/**
 * Chunks that must load only when used (manifest keys are relative to src/): Monaco, the
 * diff, charts and every non-default activity.
 */
const LAZY_SOURCES = [
  'publish/editor/MonacoPayloadEditor.tsx',
  'detail/MonacoTextDiff.tsx',
  '../node_modules/monaco-editor/esm/vs/languages/features/json/jsonMode.js',
  'charts/ChartsArea.tsx',
  'broker/BrokerPanel.tsx',
  'check/CheckOpener.tsx',
  'lab/LabPanel.tsx',
  'record/RecordingsPanel.tsx',
  'settings/SettingsView.tsx',
  'inspector/Inspector.tsx',
  'publish/PublishPanel.tsx',
  'packets/PacketsPanel.tsx',
  'scripts/ScriptsPanel.tsx',
  'sparkplug/SparkplugView.tsx',
  'sys/SysPanel.tsx',
];

/**
 * Today's start path is 753 kB (KiB, as the bench prints it): React DOM 198 kB, zod 92 kB,
 * English strings about 105 kB and i18next 49 kB, react-resizable-panels 49 kB, TanStack Query 34 kB,
 * the contract 29 kB, msgpack 21 kB, and the app's first-paint code. Chinese is its own
 * chunk, loaded when chosen (issue 18 #4: 789 kB before). zod stays on it: the one API client
 * (src/api/ws-transport.ts) takes its event names from the contract's event map, whose values
 * are zod schemas built when the contract loads, and reads error answers with
 * ErrorCodeSchema / EngineTextSchema. These bounds are a ratchet: lower them as it shrinks,
 * never raise them to let a module in. (They were raised from 720 to 754 kB for strings, not
 * a module: the engine's last English sentences became keys, and English is every language's
 * fallback, so its strings ship with the start. The 300 kB is not met: React DOM plus one
 * language's strings and i18next alone are 317 kB; see the bench's line.)
 */
const START_PATH_MAX_BYTES = 754 * 1024;
const ENTRY_CHUNK_MAX_BYTES = 378 * 1024;

describe('renderer start path (issue 18 #4)', () => {
  it('is built', () => {
    expect(existsSync(`${rendererDir}.vite/manifest.json`), 'run `npm run build` first').toBe(true);
  });

  it('loads no lazily used view before the first paint', () => {
    const start = readStartPath(rendererDir);
    const onStart = new Set(start.chunks.map((chunk) => chunk.file));
    const manifest = start.manifest;
    for (const source of LAZY_SOURCES) {
      const chunk = manifest[source];
      expect(chunk, `${source} is its own chunk`).toBeDefined();
      expect(onStart.has(chunk?.file ?? ''), `${source} is on the start path`).toBe(false);
    }
    // Issue 18 #4: only English (the fallback) is bundled; Chinese loads when chosen.
    const zh = manifest['i18n/locales/zh-CN/index.ts'];
    expect(zh, 'the Chinese strings are their own chunk').toBeDefined();
    expect(onStart.has(zh?.file ?? ''), 'the Chinese strings are on the start path').toBe(false);
    const text = start.text;
    // Markers of the heavy libraries, should one be imported statically from elsewhere.
    expect(text).not.toContain('monaco-editor');
    expect(text).not.toContain('u-legend');
    expect(text).not.toContain('jsondiffpatch');
  });

  it('stays within its byte bounds', () => {
    const start = readStartPath(rendererDir);
    expect(start.entry.bytes).toBeLessThanOrEqual(ENTRY_CHUNK_MAX_BYTES);
    expect(start.bytes).toBeLessThanOrEqual(START_PATH_MAX_BYTES);
  });
});
