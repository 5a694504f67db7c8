/**
 * Saved profiles end to end: made in the form, kept across a reload (secrets never shown),
 * connected from, exported and imported again, deleted and brought back, and the guards
 * that keep edits and files from being lost. Against the harness's real Mosquitto.
 */
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mosquittoSub } from '../support/mosquitto';
import { expect, requireMosquitto, startBuiltWebHost, test } from './fixtures';
import { MainPage } from './main-page';
import { ProfilesPanel } from './profiles-panel';

requireMosquitto();

test('a profile with a will and keepalive 10 survives a reload, keeps its password secret and connects', async ({
  app,
  broker,
}) => {
  const p = app.page;
  const profiles = new ProfilesPanel(p);
  const willTopic = `profiles/e2e/will/${test.info().workerIndex}`;
  await profiles.create({
    name: 'Lab broker',
    host: broker.host,
    port: broker.ports.mqtt,
    username: broker.username,
    password: broker.password,
    willTopic,
    willPayload: 'gone',
    keepalive: '10',
  });

  await p.reload();
  await app.waitUntilReady();
  await expect(profiles.row('Lab broker')).toContainText(`${broker.host}:${broker.ports.mqtt}`);
  await profiles.select('Lab broker');
  await expect(p.getByLabel('Profile name')).toHaveValue('Lab broker');
  await expect(p.getByLabel('Host', { exact: true })).toHaveValue(broker.host);
  await expect(p.getByLabel('Username', { exact: true })).toHaveValue(broker.username);
  const password = p.getByLabel('Password', { exact: true });
  // The renderer never receives the password: the field says it is saved, nothing more.
  await expect(password).toHaveValue('');
  await expect(password).toHaveAttribute('placeholder', '•••• saved');
  await expect(p.getByText('A password is saved; type to replace it.')).toBeVisible();
  await expect(p.getByLabel('Secret protection')).toContainText('secret.key');
  expect(await p.content()).not.toContain(broker.password);
  await app.openSection('Advanced');
  await expect(p.getByLabel('Keepalive (s)')).toHaveValue('10');
  await app.openSection('Last will');
  await expect(p.getByLabel('Will topic')).toHaveValue(willTopic);

  await profiles.connectFrom('Lab broker');
  await expect(app.status).toContainText('Connected');
  await app.showActivity('Lab');
  await expect(p.getByLabel('Keepalive', { exact: true })).toContainText('10 s requested');

  // The will came from the stored profile: a drop makes the broker publish it.
  const witness = await mosquittoSub(broker, { topic: willTopic, count: 1 });
  await p
    .getByRole('group', { name: 'Lab actions' })
    .getByRole('button', { name: 'Drop connection' })
    .click();
  const [seen] = await witness.messages;
  expect(seen?.payload).toBe('gone');
});

test('a profile opens in two connections at once, the second with its own client ID', async ({
  app,
  broker,
}) => {
  const p = app.page;
  const profiles = new ProfilesPanel(p);
  await profiles.create({
    name: 'Twice',
    host: broker.host,
    port: broker.ports.mqtt,
    username: broker.username,
    password: broker.password,
  });
  await p.getByLabel('Client ID').fill('mqscope-e2e-twice');
  await profiles.save();
  await profiles.connectFrom('Twice');
  await expect(app.status).toContainText('Connected');
  await profiles.connectFrom('Twice');
  await expect(app.openConnections.getByRole('listitem')).toHaveCount(2);
  await expect(app.openConnections).toContainText('mqscope-e2e-twice-2');
  await expect(app.status).toContainText('Connected');
  // Both stay up: the broker did not take the first session over.
  await expect(app.openConnections.getByText('Connected', { exact: false })).toHaveCount(2);
});

test('export a profile and import it again as a copy', async ({ app, broker }) => {
  const p = app.page;
  const profiles = new ProfilesPanel(p);
  await profiles.create({
    name: 'Shared',
    host: broker.host,
    port: broker.ports.mqtt,
    password: 'not-exported',
  });

  await profiles.actions.getByRole('button', { name: 'Export…' }).click();
  const exportDialog = p.getByRole('dialog', { name: 'Export profiles' });
  await expect(exportDialog.getByLabel('This profile: Shared')).toBeChecked();
  await expect(exportDialog.getByLabel(/Include secrets/)).not.toBeChecked();
  const downloading = p.waitForEvent('download');
  await exportDialog.getByRole('button', { name: 'Export', exact: true }).click();
  const file = await (await downloading).path();
  await expect(exportDialog.getByRole('status')).toContainText('Exported 1 profile');
  expect(readFileSync(file, 'utf8')).not.toContain('not-exported');
  await exportDialog.getByRole('button', { name: 'Close' }).click();

  await profiles.region.getByRole('button', { name: 'Import…' }).click();
  const importDialog = p.getByRole('dialog', { name: 'Import profiles' });
  await expect(importDialog.getByRole('radio', { name: 'MQScope export' })).toBeChecked();
  await importDialog.getByLabel('File', { exact: true }).setInputFiles(file);
  await importDialog.getByRole('button', { name: 'Import', exact: true }).click();
  // Same profile already here: nothing is written until the user decides.
  const conflicts = importDialog.getByRole('group', { name: 'Conflicts' });
  await expect(conflicts).toContainText('1 of 1 already exist');
  await expect(conflicts.getByLabel('Import as copies')).toBeChecked();
  await importDialog.getByRole('button', { name: 'Continue import' }).click();
  await expect(importDialog.getByRole('region', { name: 'Import report' })).toContainText(
    'Import finished: 1 created',
  );
  await importDialog.getByRole('button', { name: 'Close' }).click();
  await expect(profiles.row('Shared')).toBeVisible();
  await expect(profiles.row('Shared (copy)')).toBeVisible();
  await expect(profiles.region.getByRole('heading')).toHaveText('Profiles (2)');
});

test('delete asks nothing and offers Undo, which brings the profile back', async ({ app, broker }) => {
  const profiles = new ProfilesPanel(app.page);
  await profiles.create({ name: 'Doomed', host: broker.host, port: broker.ports.mqtt });
  await profiles.actions.getByRole('button', { name: 'Delete' }).click();
  await expect(profiles.row('Doomed')).toBeHidden();
  await expect(profiles.undoToast).toContainText('Deleted "Doomed".');
  await profiles.undoToast.getByRole('button', { name: 'Undo' }).click();
  await expect(profiles.row('Doomed')).toBeVisible();
  await expect(profiles.undoToast).toBeHidden();
});

test('unsaved changes are never dropped silently: switching asks, reloading is guarded', async ({
  app,
  broker,
}) => {
  const p = app.page;
  const profiles = new ProfilesPanel(p);
  await profiles.create({ name: 'First', host: '10.0.0.1', port: 1883 });
  await profiles.create({ name: 'Second', host: '10.0.0.2', port: 1884 });
  // The page's own beforeunload handler, asked directly (the browser's prompt cannot be read).
  const reloadIsGuarded = () =>
    p.evaluate<boolean>(`(() => {
      const event = new Event('beforeunload', { cancelable: true });
      window.dispatchEvent(event);
      return event.defaultPrevented;
    })()`);
  expect(await reloadIsGuarded()).toBe(false);

  await p.getByLabel('Host', { exact: true }).fill(broker.host);
  await expect(p.getByText('· unsaved changes')).toBeVisible();
  expect(await reloadIsGuarded()).toBe(true);

  await profiles.select('First');
  const ask = p.getByRole('alertdialog', { name: 'Discard unsaved changes?' });
  await expect(ask).toContainText('You changed "Second"');
  await ask.getByRole('button', { name: 'Keep editing' }).click();
  await expect(p.getByLabel('Host', { exact: true })).toHaveValue(broker.host);
  await expect(p.getByLabel('Profile name')).toHaveValue('Second');

  await profiles.select('First');
  await ask.getByRole('button', { name: 'Discard changes' }).click();
  await expect(p.getByLabel('Profile name')).toHaveValue('First');
  await expect(p.getByLabel('Host', { exact: true })).toHaveValue('10.0.0.1');
  expect(await reloadIsGuarded()).toBe(false);

  // Saving is the other way out, and reordering from the keyboard moves the row.
  await profiles.select('Second');
  await profiles.row('Second').locator('.sidebar-item').press('Alt+ArrowUp');
  await expect(profiles.region.locator('.profile-name')).toHaveText(['Second', 'First']);
});

test('MQTTX import reports what it skipped and why', async ({ app }) => {
  const p = app.page;
  const profiles = new ProfilesPanel(p);
  await profiles.region.getByRole('button', { name: 'Import…' }).click();
  const dialog = p.getByRole('dialog', { name: 'Import profiles' });
  await dialog.locator('label', { hasText: 'MQTTX export' }).click();
  await expect(dialog.getByRole('radio', { name: 'MQTTX export' })).toBeChecked();
  await dialog.getByLabel('File', { exact: true }).setInputFiles('tests/fixtures/mqttx-export.json');
  await expect(dialog.getByLabel('Put the profiles in folder')).toHaveValue('MQTTX');
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  const report = dialog.getByRole('region', { name: 'Import report' });
  await expect(report).toContainText(/Import finished: \d+ created/);
  await expect(report).toContainText('EMQX public (TCP)');
  await expect(report).toContainText(/Stored messages not imported \(\d+\)/);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(profiles.region.getByRole('button', { name: /^MQTTX \d+$/ })).toBeVisible();
  await expect(profiles.row('EMQX public (TCP)')).toContainText('broker.emqx.io:1883');
});

test('mqtt.js code opens as an unsaved draft, with lint for unknown options and other runtimes’ schemes', async ({
  app,
}) => {
  const p = app.page;
  const profiles = new ProfilesPanel(p);
  await profiles.region.getByRole('button', { name: 'Import…' }).click();
  const dialog = p.getByRole('dialog', { name: 'Import profiles' });
  await dialog.locator('label', { hasText: 'From mqtt.js code' }).click();
  await dialog.getByRole('textbox', { name: 'mqtt.js code' }).fill(
    `const client = mqtt.connect('wx://iot.example.com:8083/mqtt', {
  clientId: 'mini-1',
  keepAliveInterval: 30,
})`,
  );
  await dialog.getByRole('button', { name: 'Read code' }).click();
  const lint = dialog.getByRole('list', { name: 'Lint report' });
  await expect(lint).toContainText('keepAliveInterval');
  await expect(lint).toContainText('wx://');
  await expect(dialog.getByRole('region', { name: 'Draft profile' })).toContainText(
    'ws://iot.example.com:8083',
  );
  await dialog.getByLabel('Profile name').fill('Mini program');
  await dialog.getByRole('button', { name: 'Open in the form' }).click();
  await expect(dialog).toBeHidden();
  // Issue 13 #4: a draft in the form, not saved until the user saves it.
  await expect(p.getByText('· unsaved changes')).toBeVisible();
  await expect(profiles.row('Mini program')).toHaveCount(0);
  await profiles.save();
  await expect(profiles.row('Mini program')).toContainText('iot.example.com:8083');
  await expect(p.getByLabel('Transport')).toHaveValue('ws');
  await expect(p.getByLabel('Client ID')).toHaveValue('mini-1');
});

test('a corrupt profiles file shows a banner, is set aside, and the backup can be restored', async ({
  page,
  broker,
}) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'mqscope-e2e-corrupt-'));
  const first = await startBuiltWebHost(dataDir);
  const app = new MainPage(page);
  const profiles = new ProfilesPanel(page);
  try {
    await app.open(first.url);
    await profiles.create({ name: 'Kept', host: broker.host, port: broker.ports.mqtt });
    // A second save, so the backup holds "Kept".
    await page.getByLabel('Client ID').fill('kept-client');
    await profiles.save();
  } finally {
    await first.stop();
  }
  writeFileSync(join(dataDir, 'profiles.json'), '{"version": 1, "profiles": [ {"id": ');

  const second = await startBuiltWebHost(dataDir);
  try {
    await app.open(second.url);
    await expect(profiles.loadBanner).toContainText('Saved profiles could not be loaded.');
    await expect(profiles.loadBanner).toContainText('profiles.json.bad-');
    expect(readdirSync(dataDir).some((f) => f.startsWith('profiles.json.bad-'))).toBe(true);
    await expect(profiles.region).toContainText('No saved profiles yet');

    // The app still works while the banner stands.
    await app.connectTo(broker);

    await profiles.loadBanner.getByRole('button', { name: 'Restore backup' }).click();
    await expect(profiles.loadBanner).toBeHidden();
    await expect(profiles.row('Kept')).toBeVisible();
  } finally {
    await second.stop();
  }
});
