/**
 * Issues 11 and 13 in Chromium against the web host and a real Mosquitto: "Chart this" on a
 * tree topic and on a number in the JSON tree, the charts kept with the profile across a
 * restart of the host, and the broker's $SYS figures with a one-click subscription.
 */
import { mkdtempSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mosquittoPub, startMosquitto } from '../support/mosquitto';
import { mosquittoPubLines } from '../support/mosquitto-burst';
import { expect, requireMosquitto, startBuiltWebHost, test, type RunningWebHost } from './fixtures';
import { MainPage } from './main-page';
import { ProfilesPanel } from './profiles-panel';

requireMosquitto();

const root = () => `e2e-dw-${randomBytes(4).toString('hex')}`;

// Data #1 (issue 11) and Workspace #1 (issue 13): charts from the tree and the JSON tree,
// their layout kept with the profile across a restart of the host.
test('Chart this on a tree topic and a JSON field; the profile keeps the charts across a host restart', async ({
  page,
  broker,
}) => {
  const r = root();
  const dataDir = mkdtempSync(join(tmpdir(), 'mqscope-e2e-charts-'));
  let host: RunningWebHost | null = await startBuiltWebHost(dataDir);
  try {
    const app = new MainPage(page);
    const profiles = new ProfilesPanel(page);
    await app.open(host.url);
    await profiles.create({
      name: 'Charts kept',
      host: broker.host,
      port: broker.ports.mqtt,
      username: broker.username,
      password: broker.password,
    });
    await profiles.connectFrom('Charts kept');
    await expect(app.status).toContainText('Connected');
    await app.subscribe(`${r}/#`);
    await mosquittoPubLines(broker, `${r}/num`, ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'], 1);
    await mosquittoPubLines(broker, `${r}/json`, ['{"a":{"t":20.5,"id":"x"}}', '{"a":{"t":21,"id":"y"}}'], 1);
    await expect(app.messageCounts).toContainText('12 received');

    // A tree topic: its payloads as numbers, starting with the 10 the log holds.
    await app.topic(r).locator('.topic-twisty').click();
    await app.topic(`${r}/num`).click();
    await page.getByRole('button', { name: 'Chart this topic' }).click();
    const numChart = page.getByRole('region', { name: `Chart: ${r}/num` });
    await expect(numChart).toHaveAttribute('data-points', '10', { timeout: 15_000 });

    // A number inside the JSON tree, by its path; a string beside it has no chart button.
    // The tree's topic shows its last message (and scopes the list to it).
    await app.topic(`${r}/json`).click();
    await expect(app.detail).toContainText('"y"');
    await app.detailTab('Tree').click();
    await expect(app.detail.getByRole('button', { name: 'Chart a.id' })).toHaveCount(0);
    await app.detail.getByRole('button', { name: 'Chart a.t' }).click();
    const jsonChart = page.getByRole('region', { name: `Chart: ${r}/json · a.t` });
    await expect(jsonChart).toHaveAttribute('data-points', '2', { timeout: 15_000 });

    // The layout: a window on the first, the second moved up.
    await numChart.getByLabel('Time window').selectOption('600');
    await jsonChart.getByRole('button', { name: 'Move chart up' }).click();
    const charts = page.getByRole('region', { name: /^Chart: / });
    await expect(charts).toHaveCount(2);
    await expect(charts.first()).toHaveAttribute('aria-label', `Chart: ${r}/json · a.t`);

    // Saves are sent on each change: wait until the file holds the last one.
    const keptLayout = async () => {
      const text = await readFile(join(dataDir, 'chart-layouts.json'), 'utf8').catch(() => '{}');
      const file = JSON.parse(text) as { profiles?: [string, unknown[]][] };
      return file.profiles?.[0]?.[1]?.[0];
    };
    await expect.poll(keptLayout).toEqual({
      charts: [
        { series: [{ topic: `${r}/json`, path: 'a.t' }], window: 'all' },
        { series: [{ topic: `${r}/num` }], window: '600' },
      ],
    });

    const code = await host.stop();
    expect(code).toBe(0);
    host = await startBuiltWebHost(dataDir);
    await page.goto(host.url);
    await app.waitUntilReady();
    await app.showActivity('Connections');
    await profiles.connectFrom('Charts kept');
    await expect(app.status).toContainText('Connected');
    await app.showActivity('Charts');
    await expect(charts).toHaveCount(2);
    await expect(charts.first()).toHaveAttribute('aria-label', `Chart: ${r}/json · a.t`);
    await expect(numChart.getByLabel('Time window')).toHaveValue('600');
    await expect(jsonChart.getByLabel('Time window')).toHaveValue('all');
    // The new host's log starts empty: the restored chart follows what arrives.
    await expect(app.subscription(`${r}/#`)).toContainText('QoS 0');
    await mosquittoPubLines(broker, `${r}/num`, ['11', '12', '13'], 1);
    await expect(numChart).toHaveAttribute('data-points', '3', { timeout: 15_000 });
    await expect(numChart.getByRole('table', { name: 'Series statistics' })).toContainText('13');

    // Closing a chart is kept too.
    await jsonChart.getByRole('button', { name: 'Close chart' }).click();
    await expect.poll(keptLayout).toEqual({ charts: [{ series: [{ topic: `${r}/num` }], window: '600' }] });
    await page.reload();
    await app.waitUntilReady();
    await app.showActivity('Charts');
    await expect(charts).toHaveCount(1);
    await expect(numChart).toBeVisible();
  } finally {
    await host?.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
});

// Data #7 (issue 11): the broker's own figures from $SYS, after a one-click subscription.
test('Broker statistics: Subscribe to $SYS shows Mosquitto’s figures, each one chartable', async ({
  app,
}) => {
  const sysBroker = await startMosquitto({ sysIntervalSeconds: 1 });
  try {
    const page = app.page;
    await app.connectTo(sysBroker);
    await app.showActivity('Broker statistics');
    const view = page.getByRole('tabpanel', { name: 'Broker statistics' });
    await view.getByRole('button', { name: 'Subscribe to $SYS' }).click();
    await expect(app.subscription('$SYS/#')).toContainText('QoS 0');
    await expect(view.getByRole('button', { name: 'Subscribe to $SYS' })).toHaveCount(0);
    const table = view.getByRole('table', { name: 'Broker statistics' });
    const row = (name: string) =>
      table.getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });
    await expect(row('Version')).toContainText(/mosquitto version 2\./, { timeout: 15_000 });
    // Our own connection is counted once Mosquitto publishes after it connected.
    await expect(row('Clients connected')).toContainText(/[1-9]/, { timeout: 15_000 });
    await expect(row('Uptime')).toContainText(/\d\d:\d\d:\d\d/);
    for (const name of ['Messages received', 'Messages sent', 'Bytes received', 'Bytes sent'])
      await expect(row(name)).toContainText('/s');
    await expect(row('Subscriptions')).toContainText(/\d/);
    await expect(row('Retained messages')).toContainText(/\d/);
    await expect(view).toContainText('1-minute load averages');
    await expect(row('Version').getByRole('button')).toHaveCount(0);

    await mosquittoPub(sysBroker, { topic: 'sys-e2e/x', message: '1' });
    await row('Clients connected').getByRole('button', { name: 'Chart Clients connected' }).click();
    const chart = page.getByRole('region', { name: 'Chart: $SYS/broker/clients/connected' });
    await expect(chart).toBeVisible();
    await expect
      .poll(async () => Number(await chart.getAttribute('data-points')), { timeout: 15_000 })
      .toBeGreaterThan(0);
  } finally {
    await sysBroker.stop();
  }
});

// Workspace #1 (issue 13): will lab results are kept with the profile, not with the broker.
test('the will lab keeps its runs with the profile: another profile on the same broker starts empty', async ({
  app,
  broker,
}) => {
  const page = app.page;
  const profiles = new ProfilesPanel(page);
  const will = `lab-profile/e2e/${test.info().workerIndex}/${randomBytes(3).toString('hex')}`;
  const fields = {
    host: broker.host,
    port: broker.ports.mqtt,
    username: broker.username,
    password: broker.password,
    willTopic: will,
    willPayload: 'gone',
  };
  await profiles.create({ name: 'Sensor A', ...fields });
  await profiles.create({ name: 'Sensor B', ...fields });
  const labActions = page.getByRole('group', { name: 'Lab actions' });
  const dropOnce = async (name: string) => {
    await app.showActivity('Connections');
    await profiles.connectFrom(name);
    await expect(app.status).toContainText('Connected');
    await app.showActivity('Lab');
    await labActions.getByRole('button', { name: 'Drop connection' }).click();
    await expect(page.getByRole('article', { name: 'Drop connection result' }).first()).toContainText(
      'as specified',
    );
  };
  await dropOnce('Sensor A');
  await dropOnce('Sensor A');
  await expect(page.getByText('Earlier runs of this profile (1)')).toBeVisible();

  // After a reload, the page asks the host: A has both runs, B (same broker) none.
  await page.reload();
  await app.waitUntilReady();
  await app.showActivity('Connections');
  await profiles.connectFrom('Sensor B');
  await expect(app.status).toContainText('Connected');
  await app.showActivity('Lab');
  await expect(page.getByText(/Earlier runs/)).toHaveCount(0);
  await expect(page.getByRole('article', { name: 'Drop connection result' })).toHaveCount(0);
  await app.showActivity('Connections');
  await page.getByRole('button', { name: 'Disconnect', exact: true }).click();
  await profiles.connectFrom('Sensor A');
  await expect(app.status).toContainText('Connected');
  await app.showActivity('Lab');
  await expect(page.getByText('Earlier runs of this profile (2)')).toBeVisible();
});
