/**
 * The keepalive & will lab end to end: a will set in the form, a lab action from the panel,
 * the observer's verdict in the window, and mosquitto_sub on the other side as the witness.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { mosquittoSub, type MosquittoBroker } from '../support/mosquitto';
import { expect, requireMosquitto, test } from './fixtures';
import type { MainPage } from './main-page';

requireMosquitto();

async function connectWithWill(app: MainPage, broker: MosquittoBroker, willTopic: string, keepalive = '10') {
  const p = app.page;
  await app.openSection('Last will');
  await p.getByLabel('Will topic').fill(willTopic);
  await p.getByLabel('Will payload').fill('{"online":false}');
  await app.openSection('Advanced');
  await p.getByLabel('Keepalive (s)').fill(keepalive);
  await app.connectTo(broker);
  // The lab (its actions, the keepalive panel and the ping chart) is its own activity.
  await app.showActivity('Lab');
}

const lab = (p: Page) => p.getByRole('group', { name: 'Lab actions' });

test('drop with a will: the observer sees it at once and says "as specified"', async ({ app, broker }) => {
  const topic = `lab/e2e/drop/${test.info().workerIndex}`;
  await connectWithWill(app, broker, topic);
  const p = app.page;
  await expect(p.getByLabel('Keepalive', { exact: true })).toContainText('10 s requested');
  await expect(p.getByRole('timer', { name: 'Time until the broker may drop this client' })).toContainText(
    /in \d+\.\d s/,
  );

  const witness = await mosquittoSub(broker, { topic, count: 1 });
  await lab(p).getByRole('button', { name: 'Drop connection' }).click();
  const result = p.getByRole('article', { name: 'Drop connection result' });
  await expect(result.getByRole('note')).toContainText(
    /The will arrived 0\.\d s after the action, as specified/,
  );
  await expect(result).toContainText('{"online":false}');
  const [seen] = await witness.messages;
  expect(seen?.payload).toBe('{"online":false}');
  await app.showActivity('Connections');
  await expect(app.status).toContainText('Disconnected');
});

test('normal disconnect: no will, as specified', async ({ app, broker }) => {
  await connectWithWill(app, broker, `lab/e2e/normal/${test.info().workerIndex}`);
  await lab(app.page).getByRole('button', { name: 'Normal disconnect' }).click();
  await expect(app.page.getByRole('status', { name: 'Lab run' })).toContainText('Observing the will topic');
  await expect(
    app.page.getByRole('article', { name: 'Normal disconnect result' }).getByRole('note'),
  ).toContainText('No will within 5.0 s, as specified');
});

test('the timeline shows PINGREQ and PINGRESP in order with keepalive 1 s', async ({ app, broker }) => {
  await connectWithWill(app, broker, `lab/e2e/ping/${test.info().workerIndex}`, '1');
  const p = app.page;
  // The keepalive panel learns of the ping exchange from the same packet stream.
  await expect(p.getByLabel('Keepalive', { exact: true })).toContainText(
    /Last PINGRESP\s*\d\d:\d\d:\d\d\.\d{3}/,
  );
  await p.getByRole('button', { name: 'Packets', exact: true }).click();
  const types = p.getByRole('listbox', { name: 'Packets' }).getByRole('option');
  await expect(types.filter({ hasText: 'PINGRESP' }).first()).toBeVisible();
  const order = await types.allInnerTexts();
  const firstReq = order.findIndex((t) => t.includes('PINGREQ'));
  const firstResp = order.findIndex((t) => t.includes('PINGRESP'));
  expect(order.findIndex((t) => t.includes('CONNECT'))).toBeLessThan(
    order.findIndex((t) => t.includes('CONNACK')),
  );
  expect(firstReq).toBeGreaterThan(-1);
  expect(firstReq).toBeLessThan(firstResp);
});

test('the timeline pairs requests with answers, pauses, and exports JSON Lines; pings are charted', async ({
  app,
  broker,
}) => {
  await connectWithWill(app, broker, `lab/e2e/pairs/${test.info().workerIndex}`, '1');
  const p = app.page;
  await app.subscribe('lab/e2e/pairs/#');
  await p.getByRole('button', { name: 'Packets', exact: true }).click();
  const timeline = p.getByRole('listbox', { name: 'Packets' });
  const row = (type: string) =>
    timeline.getByRole('option').filter({ has: p.getByText(type, { exact: true }) });

  // SUBSCRIBE is answered by SUBACK: both rows carry the round trip, the detail links them.
  await expect(row('SUBACK')).toContainText(/\d+(\.\d)? ms/);
  await row('SUBSCRIBE').click();
  const fields = p.getByRole('region', { name: 'Packet fields' });
  await fields.getByRole('button', { name: /^SUBACK #\d+$/ }).click();
  await expect(fields).toContainText('Answers');

  // Two ping exchanges make a chart.
  await expect(p.getByRole('img', { name: /^Ping round trips, oldest first: \d+, \d+/ })).toBeVisible({
    timeout: 10_000,
  });

  const panel = p.getByRole('region', { name: 'Packets' });
  await panel.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(
    panel.getByRole('note').filter({ hasText: /Paused: [1-9]\d* new packets? not shown yet/ }),
  ).toBeVisible({
    timeout: 10_000,
  });
  await panel.getByRole('button', { name: 'Resume', exact: true }).click();

  const download = p.waitForEvent('download');
  await panel.getByRole('button', { name: 'Export JSON Lines' }).click();
  const file = await (await download).path();
  const lines = readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { type: string });
  expect(lines[0]?.type).toBe('connect');
  expect(lines.map((l) => l.type)).toContain('pingresp');
});
