/**
 * Record and replay end to end (issue 16 items 1 and 2): record from the Recordings panel,
 * see the recording listed with its count, replay it with a topic rewrite into the same
 * connection, and watch the copies arrive in the app and at mosquitto_sub.
 */
import { mosquittoPub, mosquittoSub } from '../support/mosquitto';
import { expect, requireMosquitto, test } from './fixtures';

requireMosquitto();

test('record from the UI, see it listed, replay it and see the messages arrive (Record #1, #2)', async ({
  app,
  broker,
}) => {
  const p = app.page;
  const base = `e2e/rec/${test.info().workerIndex}`;
  await app.connectAndSubscribe(broker, `${base}/#`);
  await app.subscribe('copy/#');

  await app.showActivity('Recordings');
  const panel = p.locator('.record-panel');
  await panel.getByLabel('Record filter').fill(`${base}/#`);
  await panel.getByRole('button', { name: 'Record', exact: true }).click();
  const live = panel.getByRole('status', { name: 'Recording in progress' });
  await expect(live).toBeVisible();
  for (const n of [1, 2, 3])
    await mosquittoPub(broker, { topic: `${base}/${n}`, message: `reading ${n}`, qos: 1 });
  await expect(live).toContainText('Recording: 3 messages');
  await panel.getByRole('button', { name: 'Stop recording' }).click();

  const item = panel.getByRole('list', { name: 'Recordings' }).getByRole('listitem');
  await expect(item).toHaveCount(1);
  await expect(item).toContainText('3 messages');

  const witness = await mosquittoSub(broker, { topic: 'copy/#', count: 3 });
  await item.getByRole('button', { name: 'Replay…' }).click();
  const form = panel.getByRole('form', { name: /^Replay / });
  await form.getByLabel('Topic prefix').fill('copy/');
  await form.getByLabel('Rewrite topics (regex)').fill(`^${base}/`);
  await form.getByLabel('As fast as possible').check();
  await form.getByRole('button', { name: 'Start replay' }).click();
  await expect(form.getByRole('status', { name: 'Replay progress' })).toContainText('Finished · 3 of 3 sent');

  const seen = await witness.messages;
  expect(seen.map((m) => `${m.topic} ${m.payload}`)).toEqual([
    'copy/1 reading 1',
    'copy/2 reading 2',
    'copy/3 reading 3',
  ]);
  await expect(app.message('copy/3', 'reading 3')).toBeVisible();
});
