/**
 * Charting a transform's value end to end (issue 16: "a transform's result ... can be
 * charted"): numbers published with mosquitto_pub, a saved transform, "Chart this" on its
 * value in the detail pane; the chart draws the transformed points and its CSV holds them.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { mosquittoPubLines } from '../support/mosquitto-burst';
import { expect, requireMosquitto, test } from './fixtures';
import { showActivity } from './main-page';
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
  await scripts.view.getByLabel('Topic pattern').fill(`${r}/#`);
  await scripts.view.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(scripts.row('Fahrenheit').getByRole('img', { name: 'Unsaved changes' })).toBeHidden();

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

  // Over the transform's pattern: every matching topic's messages as one line.
  await mosquittoPubLines(broker, `${r}/other`, ['{"c":-40}'], 1);
  await expect(app.messageCounts).toContainText('22 received');
  // The detail pane still shows the transform's value, opened.
  await view.getByRole('button', { name: `Chart all of ${r}/#` }).click();
  const all = p.getByRole('region', { name: `Chart: ${r}/# · ƒ Fahrenheit` });
  await expect(all).toHaveAttribute('data-points', '22', { timeout: 15_000 });
  await expect(all.getByRole('table', { name: 'Series statistics' })).toContainText('-40');
});

test('Chart this from the Scripts view: a failing transform says so on its series while the other keeps drawing (Scripts #chart-errors)', async ({
  app,
  broker,
}) => {
  const p = app.page;
  const r = `e2e-tc-${randomBytes(4).toString('hex')}`;
  const profiles = new ProfilesPanel(p);
  await profiles.create({
    name: 'Trying broker',
    host: broker.host,
    port: broker.ports.mqtt,
    username: broker.username,
    password: broker.password,
  });
  await profiles.connectFrom('Trying broker');
  await expect(app.status).toContainText('Connected');
  await app.subscribe(`${r}/#`);
  const values = Array.from({ length: 10 }, (_, i) => i);
  await mosquittoPubLines(
    broker,
    `${r}/n`,
    values.map((c) => JSON.stringify({ c })),
    1,
  );
  await expect(app.messageCounts).toContainText('10 received');
  // "Try" runs on the selected message.
  await app.message(`${r}/n`, '"c":3').click();

  const scripts = new ScriptsPanel(p);
  await scripts.show();
  await scripts.create('Doubled', 'Transform', 'blank');
  await scripts.fillSource('Doubled', 'transform((msg) => ({ d: msg.json.c * 2 }));\n');
  const tryIt = scripts.pane.getByRole('button', { name: 'Try on selected message' });
  const result = scripts.pane.getByRole('status', { name: 'Result' });
  // Unsaved text can be tried, not charted: a chart runs the saved script.
  await tryIt.click();
  await expect(result).toContainText('"d": 6');
  await expect(scripts.pane.getByText('Save the script to chart its value.')).toBeVisible();
  await expect(result.getByRole('button', { name: 'Chart this' })).toHaveCount(0);
  // The try button had the focus (and lost it while it ran): save with the pane's button.
  await scripts.pane.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(scripts.pane.getByRole('note')).toBeHidden();
  await tryIt.click();
  await expect(result.getByLabel('JSON path')).toHaveValue('d');
  await result.getByRole('button', { name: 'Chart this' }).click();
  const doubled = p.getByRole('region', { name: `Chart: ${r}/n · ƒ Doubled · d` });
  await expect(doubled).toHaveAttribute('data-points', '10', { timeout: 15_000 });

  // A transform that throws past c = 4 is added to the same chart: its failures are said on
  // its series, its gaps counted, and the first series keeps its points.
  await scripts.show();
  await scripts.create('Fragile', 'Transform', 'blank');
  await scripts.fillSource(
    'Fragile',
    'transform((msg) => {\n  if (msg.json.c > 4) throw new Error("too big");\n  return msg.json.c;\n});\n',
  );
  await scripts.save();
  await tryIt.click();
  await result.getByRole('button', { name: 'Add to last chart' }).click();
  const both = p.getByRole('region', { name: `Chart: ${r}/n · ƒ Doubled · d, ${r}/n · ƒ Fragile` });
  await expect(both).toHaveAttribute('data-points', '15', { timeout: 15_000 });
  await expect(both.getByRole('alert')).toHaveText(
    `${r}/n · ƒ Fragile: the transform failed on 5 messages (first: Error at line 2: Error: too big)`,
  );
  const fragileRow = both.getByRole('table', { name: 'Series statistics' }).getByRole('row').nth(2);
  await expect(fragileRow).toContainText('Fragile');
  await expect(fragileRow.getByRole('cell').last()).toHaveText('5');

  // The script deleted: its series says the script is gone; the other series still draws.
  await scripts.show();
  await scripts.closeEditor();
  await scripts.row('Fragile').getByRole('button', { name: 'Delete Fragile' }).click();
  await p
    .getByRole('alertdialog', { name: 'Delete Fragile' })
    .getByRole('button', { name: 'Delete' })
    .click();
  await expect(scripts.row('Fragile')).toHaveCount(0);
  await showActivity(p, 'Charts');
  await expect(both.getByRole('alert')).toHaveText(
    new RegExp(`^${r}/n · ƒ Fragile: There is no script [\\w-]+ in this profile\\.$`),
  );
  await mosquittoPubLines(broker, `${r}/n`, ['{"c":50}'], 1);
  await expect(both.getByRole('table', { name: 'Series statistics' })).toContainText('100');
});
