/**
 * The built renderer carries Monaco itself: no CDN loader, no remote URL for its sources.
 * Reads out/renderer, which `npm test` (and `npm run web`) build before Playwright runs.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';

const ASSETS = join('out', 'renderer', 'assets');
const CDN = /cdn\.jsdelivr\.net|unpkg\.com|cdnjs\.cloudflare\.com|esm\.sh|\/min\/vs\/loader/;

test('the built renderer holds Monaco and its JSON worker, with no CDN reference @web-only', () => {
  const files = readdirSync(ASSETS).filter((name) => name.endsWith('.js') || name.endsWith('.css'));
  expect(files.some((name) => name.startsWith('MonacoPayloadEditor-'))).toBe(true);
  expect(files.some((name) => name.startsWith('json.worker-'))).toBe(true);
  const offenders = files.filter((name) => CDN.test(readFileSync(join(ASSETS, name), 'utf8')));
  expect(offenders).toEqual([]);
});
