/**
 * Trust #13 end to end: a profiles file of today's format (tests/fixtures/profiles-v1.json)
 * with `Authorization: Bearer …` in plain text is upgraded at start; the page gets the
 * header names and a "saved" note, never the value, and the file no longer holds it.
 */
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, startBuiltWebHost, test } from './fixtures';
import { MainPage } from './main-page';
import { ProfilesPanel } from './profiles-panel';

const TOKEN = 'fixture-token-v1';

test('saved WebSocket header values stay with the host: names and a note on the page, no value', async ({
  page,
}) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'mqscope-e2e-headers-'));
  copyFileSync('tests/fixtures/profiles-v1.json', join(dataDir, 'profiles.json'));
  const host = await startBuiltWebHost(dataDir);
  const frames: string[] = [];
  page.on('websocket', (ws) => ws.on('framereceived', (f) => frames.push(String(f.payload))));
  try {
    const app = new MainPage(page);
    const profiles = new ProfilesPanel(page);
    await app.open(host.url);
    await profiles.select('Gateway (WebSocket, token)');
    await app.openSection('Advanced');
    const note = page.getByLabel('Saved header values');
    await expect(note).toContainText('The values of Authorization, X-Tenant are saved (not shown)');
    await expect(page.getByPlaceholder('Authorization').first()).toHaveValue('Authorization');
    expect(await page.content()).not.toContain(TOKEN);
    expect(frames.some((f) => f.includes(TOKEN))).toBe(false);
    expect(readFileSync(join(dataDir, 'profiles.json'), 'utf8')).not.toContain(TOKEN);
  } finally {
    await host.stop();
  }
});
