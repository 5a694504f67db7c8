/**
 * Issue 13, workspace: a profile keeps its subscriptions (with colour and alias), subscribes
 * to them on connect, and keeps live edits; Connect uses what is on screen.
 */
import { mosquittoPub } from '../support/mosquitto';
import { expect, requireMosquitto, test } from './fixtures';
import type { MainPage } from './main-page';
import { ProfilesPanel } from './profiles-panel';

requireMosquitto();

const COLORS = ['#ff0000', '#00aa00', '#0000ff'] as const;
const RGB = ['rgb(255, 0, 0)', 'rgb(0, 170, 0)', 'rgb(0, 0, 255)'] as const;

async function subscribeWith(app: MainPage, filter: string, color: string, alias = ''): Promise<void> {
  const p = app.page;
  await p.getByLabel('Topic filter').fill(filter);
  await p.getByLabel('Colour', { exact: true }).fill(color);
  await p.getByLabel('Alias', { exact: true }).fill(alias);
  await p.getByRole('button', { name: 'Subscribe', exact: true }).click();
  await expect(app.subscription(filter)).toContainText('QoS 0');
}

async function expectThreeRestored(app: MainPage, filters: readonly string[]): Promise<void> {
  for (const [i, filter] of filters.entries()) {
    const chip = app.subscription(filter);
    await expect(chip).toContainText('QoS 0');
    await expect(chip.locator('.chip-swatch')).toHaveCSS('background-color', RGB[i] ?? '');
  }
  await expect(app.subscription(filters[2] ?? '')).toContainText('Kitchen');
  await expect(app.subscriptions.getByRole('listitem')).toHaveCount(3);
}

// Workspace #1 (issue 13): "after reconnecting from a profile there are No subscriptions yet".
test('a profile with three coloured subscriptions subscribes to them again on every connect, and after a broker restart', async ({
  app,
  broker,
}) => {
  const p = app.page;
  const profiles = new ProfilesPanel(p);
  const base = `workspace/e2e/${test.info().workerIndex}`;
  const filters = [`${base}/a/#`, `${base}/b/+`, `${base}/c`] as const;
  await profiles.create({
    name: 'Three topics',
    host: broker.host,
    port: broker.ports.mqtt,
    username: broker.username,
    password: broker.password,
  });
  await app.openSection('Advanced');
  await p.getByLabel('Reconnect attempts').fill('20');
  await p.getByLabel('Reconnect every (s)').fill('0.5');
  await profiles.save();

  await profiles.connectFrom('Three topics');
  await expect(app.status).toContainText('Connected');
  await subscribeWith(app, filters[0], COLORS[0]);
  await subscribeWith(app, filters[1], COLORS[1]);
  await subscribeWith(app, filters[2], COLORS[2], 'Kitchen');
  // Kept in the profile at once, and the form's own state untouched.
  await expect(p.getByText('· unsaved changes')).toBeHidden();

  await p.getByRole('button', { name: 'Disconnect', exact: true }).click();
  await expect(app.status).toContainText('Disconnected');
  // Not the page's memory: the profile on the host carries them.
  await p.reload();
  await app.waitUntilReady();
  await profiles.connectFrom('Three topics');
  await expect(app.status).toContainText('Connected');
  await expectThreeRestored(app, filters);
  await mosquittoPub(broker, { topic: `${base}/b/x`, message: 'to b' });
  await expect(app.message(`${base}/b/x`, 'to b')).toBeVisible();

  // The engine's own restore after a reconnect without a session keeps colours and alias.
  await broker.restart(async () => {
    await expect(app.status).toContainText(/Reconnecting/);
  });
  await expect(app.status).toContainText('Reconnected.');
  await expectThreeRestored(app, filters);
  await mosquittoPub(broker, { topic: `${base}/c`, message: 'to c' });
  await expect(app.message(`${base}/c`, 'to c')).toBeVisible();

  // Removing one is kept too.
  await app
    .subscription(filters[0])
    .getByRole('button', { name: `Unsubscribe ${filters[0]}` })
    .click();
  await expect(app.subscriptions.getByRole('listitem')).toHaveCount(2);
  await p.getByRole('button', { name: 'Disconnect', exact: true }).click();
  await expect(app.status).toContainText('Disconnected');
  await profiles.connectFrom('Three topics');
  await expect(app.subscription(filters[2])).toContainText('QoS 0');
  await expect(app.subscriptions.getByRole('listitem')).toHaveCount(2);
});

// Workspace #2 (issue 13): connecting an edited profile was refused ("Save the changes first…").
test('an edited profile connects with the form as it is, and the edit stays unsaved', async ({
  app,
  broker,
}) => {
  const p = app.page;
  const profiles = new ProfilesPanel(p);
  await profiles.create({
    name: 'Edited',
    host: broker.host,
    port: broker.ports.mqtt,
    username: broker.username,
    password: broker.password,
    keepalive: '60',
  });
  await app.openSection('Advanced');
  await p.getByLabel('Keepalive (s)').fill('17');
  await expect(p.getByText('· unsaved changes')).toBeVisible();
  await p.getByRole('button', { name: 'Connect', exact: true }).click();
  // The saved password came from the host; the keepalive from the form.
  await expect(app.status).toContainText('Connected');
  // The lab shows the keepalive in force (the view is mounted when first shown).
  await app.showActivity('Lab');
  await expect(p.getByLabel('Keepalive', { exact: true })).toContainText('17 s requested');
  await app.showActivity('Connections');
  await expect(p.getByText('· unsaved changes')).toBeVisible();
  await expect(p.getByLabel('Keepalive (s)')).toHaveValue('17');
});

// Workspace #3 (issue 13): "history lives in memory and is gone on restart".
test('a profile keeps its publish history across a reload; Clear history empties it', async ({
  app,
  broker,
}) => {
  const p = app.page;
  const profiles = new ProfilesPanel(p);
  const topic = `workspace/history/${test.info().workerIndex}`;
  await profiles.create({
    name: 'With history',
    host: broker.host,
    port: broker.ports.mqtt,
    username: broker.username,
    password: broker.password,
  });
  await profiles.connectFrom('With history');
  await expect(app.status).toContainText('Connected');
  await app.publish(topic, 'kept {{counter}}');
  await expect(p.getByRole('button', { name: 'History (1)' })).toBeVisible();

  await p.reload();
  await app.waitUntilReady();
  await profiles.connectFrom('With history');
  await expect(app.status).toContainText('Connected');
  await p.getByRole('button', { name: 'History (1)' }).click();
  const history = p.getByRole('list', { name: 'Published messages' });
  await expect(history).toContainText(topic);
  await expect(history).toContainText('kept 1');
  await history.getByRole('button', { name: 'Edit', exact: true }).click();
  await expect.poll(() => app.payloadText()).toBe('kept {{counter}}');

  await p.getByRole('button', { name: 'Clear history' }).click();
  await p.reload();
  await app.waitUntilReady();
  await profiles.connectFrom('With history');
  await expect(app.status).toContainText('Connected');
  await expect(p.getByRole('button', { name: 'History', exact: true })).toBeVisible();
});
