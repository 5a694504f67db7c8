/**
 * Issue 19 #3: the renderer's side of the desktop app's menu commands and deep links. Only
 * Electron's main sends these contract events, and Electron cannot run here, so this test
 * puts them into the page's own WebSocket (next to the real web host's frames) and checks
 * what the real renderer does with them. Main's side is in tests/glue/desktop.test.ts.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encode } from '@msgpack/msgpack';
import type { Page, WebSocketRoute } from '@playwright/test';
import type { EventName, EventPayload } from '../../electron/contract';
import { expect, startBuiltWebHost, test, type RunningWebHost } from './fixtures';

let host: RunningWebHost;

test.beforeEach(async () => {
  host = await startBuiltWebHost();
});

test.afterEach(async () => {
  await host.stop();
});

async function openWithDesktopEvents(page: Page) {
  let route: WebSocketRoute | undefined;
  await page.routeWebSocket(/./, (ws) => {
    ws.connectToServer();
    route = ws;
  });
  await page.goto(host.url);
  await expect(page.locator('form.connection-form')).toBeVisible();
  return <N extends EventName>(name: N, payload: EventPayload<N>) => {
    if (!route) throw new Error('the page opened no WebSocket');
    route.send(Buffer.from(encode({ kind: 'event', name, payload })));
  };
}

test('a deep link fills a new connection form and connects nothing; a bad one says why', async ({ page }) => {
  const push = await openWithDesktopEvents(page);
  push('desktop.deepLink', {
    ok: true,
    draft: { transport: 'ws', host: 'broker.example.com', port: 8080, path: '/ws', username: 'ann' },
  });
  const form = page.locator('form.connection-form');
  await expect(form.getByLabel('Host', { exact: true })).toHaveValue('broker.example.com');
  await expect(form.getByLabel('Port', { exact: true })).toHaveValue('8080');
  await expect(form.getByLabel('Username', { exact: true })).toHaveValue('ann');
  await expect(form.getByLabel('Password', { exact: true })).toHaveValue('');
  await expect(form).toContainText('unsaved changes');
  // Nothing was opened: no connection is listed, and the form's status line says so.
  await expect(page.locator('.connection-list')).toHaveCount(0);
  await expect(form.getByText('Not connected', { exact: true })).toBeVisible();

  push('desktop.deepLink', {
    ok: false,
    problem: 'has-password',
    link: 'mqscope://connect?url=mqtt://u:pw@h',
  });
  const alert = page.locator('.banner', { hasText: 'did not open this link' });
  await expect(alert).toContainText('must not carry a password');
  await expect(alert).toContainText('mqscope://connect?url=mqtt://u:pw@h');
  await alert.getByRole('button', { name: 'Dismiss' }).click();
  await expect(alert).toHaveCount(0);
});

test('menu commands reach the screen: Toggle Packets opens the packets panel', async ({ page }) => {
  const push = await openWithDesktopEvents(page);
  await expect(page.locator('.packets-panel')).not.toHaveClass(/is-open/);
  push('desktop.command', { command: 'toggle-packets' });
  await expect(page.locator('.packets-panel')).toHaveClass(/is-open/);
  push('desktop.command', { command: 'toggle-packets' });
  await expect(page.locator('.packets-panel')).not.toHaveClass(/is-open/);
});

test('an opened export is shown in the import dialog and imported only on request; a recording is offered for replay (Issue 19 #1)', async ({
  page,
}) => {
  const push = await openWithDesktopEvents(page);
  const text = JSON.stringify({ format: 'mqscope-profiles', version: 1, profiles: [] });
  push('desktop.openFile', { kind: 'export', name: 'office.mqscope.json', text });
  const dialog = page.getByRole('dialog', { name: 'Import profiles' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel(/office\.mqscope\.json/)).toHaveValue(text);
  // Nothing was imported by opening the file.
  await expect(page.locator('.profile-row')).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Close' }).click();

  // A recording: the engine reads it where it lies, and the replay form opens for it.
  const dir = mkdtempSync(join(tmpdir(), 'mqscope-e2e-opened-'));
  const path = join(dir, 'bug.mqscope-rec.jsonl');
  const line = (topic: string, time: number) =>
    JSON.stringify({ time, direction: 'in', topic, qos: 0, retain: false, payload: 'e30=' });
  const header = { format: 'mqscope-recording', version: 1, startedAt: 1_000, broker: 'mqtt://h:1883' };
  writeFileSync(path, [JSON.stringify(header), line('a', 1_000), line('b', 2_000)].join('\n') + '\n');
  push('desktop.openFile', { kind: 'recording', name: 'bug.mqscope-rec.jsonl', path });
  await expect(page.getByRole('form', { name: 'Replay bug.mqscope-rec.jsonl' })).toBeVisible();
  await expect(page.locator('.record-item', { hasText: 'bug.mqscope-rec.jsonl' })).toBeVisible();

  // A file that is not a recording, and one main could not read: each says why.
  const bad = join(dir, 'notes.mqscope-rec.jsonl');
  writeFileSync(bad, 'not a recording\n');
  push('desktop.openFile', { kind: 'recording', name: 'notes.mqscope-rec.jsonl', path: bad });
  const alert = page.locator('.banner', { hasText: 'did not open notes.mqscope-rec.jsonl' });
  await expect(alert).toContainText('cannot be read as a recording');
  push('desktop.openFile', { kind: 'refused', name: 'big.mqscope.json', problem: 'too-large' });
  await expect(page.locator('.banner', { hasText: 'did not open big.mqscope.json' })).toContainText(
    'larger than 20 MB',
  );
});
