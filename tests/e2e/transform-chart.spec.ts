/**
 * Charting a transform's value end to end (issue 16: "a transform's result ... can be
 * charted"): numbers published with mosquitto_pub, a saved transform, "Chart this" on its
 * value in the detail pane; the chart draws the transformed points and its CSV holds them.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { mosquittoPubLines } from '../support/mosquitto-burst';
import { expect, requireMosquitto, test } from './fixtures';
import { ProfilesPanel } from './profiles-panel';
import { ScriptsPanel } from './scripts-panel';

requireMosquitto();

test('Chart this on a transform value draws the transformed points, and its CSV holds them (Scripts #chart)', async ({
  app,
  broker,
}) => {
  const p = app.page;
  const r = `e2e-tc-${randomBytes(4).toString('hex')}`;
  // Scripts are saved with a profile: connect from one.
  const profiles = new ProfilesPanel(p);
  await profiles.create({
    name: 'Charting broker',
    host: broker.host,
    port: broker.ports.mqtt,
    username: broker.username,
    password: broker.password,
  });
  await profiles.connectFrom('Charting broker');
  await expect(app.status).toContainText('Connected');
  await app.subscribe(`${r}/#`);
  const celsius = Array.from({ length: 20 }, (_, i) => i * 5);
  await mosquittoPubLines(
    broker,
    `${r}/temp`,
    celsius.map((c) => JSON.stringify({ c })),
    1,
  );
  await expect(app.messageCounts).toContainText('20 received');

  const scripts = new ScriptsPanel(p);
  await scripts.show();
  await scripts.create('Fahrenheit', 'Transform', 'blank');
  await scripts.fillSource('Fahrenheit', 'transform((msg) => msg.json.c * 1.8 + 32);\n');
  await scripts.save();
  await scripts.closeEditor();

  // The last message's transform value, in the detail pane: Chart this over its topic.
  await app.message(`${r}/temp`, '"c":95').click();
  const summary = app.detail.locator('summary').filter({ hasText: 'Transform: Fahrenheit' });
  await expect(summary).toContainText('203');
  await summary.click();
  const view = app.detail.getByRole('region', { name: 'Transform result' });
  await view.getByRole('button', { name: 'Chart this' }).click();

  const chart = p.getByRole('region', { name: `Chart: ${r}/temp · ƒ Fahrenheit` });
  await expect(chart).toHaveAttribute('data-points', '20', { timeout: 15_000 });
  await expect(chart.getByRole('table', { name: 'Series statistics' })).toContainText('203');
  const downloading = p.waitForEvent('download');
  await chart.getByRole('button', { name: 'CSV' }).click();
  const csv = (await readFile(await (await downloading).path(), 'utf8')).trim().split('\n');
  expect(csv).toHaveLength(21);
  expect(csv.slice(1).map((line) => Number(line.split(',')[1]))).toEqual(celsius.map((c) => c * 1.8 + 32));

  // Live: a new message runs the transform on it alone and adds its point.
  await mosquittoPubLines(broker, `${r}/temp`, ['{"c":100}'], 1);
  await expect(chart).toHaveAttribute('data-points', '21', { timeout: 15_000 });
  await expect(chart.getByRole('table', { name: 'Series statistics' })).toContainText('212');
});
