/**
 * Subscriptions as the engine reports them (SUBACK per filter, MQTT 5 options), publish
 * outcomes and the outgoing queue, against the harness's real Mosquitto.
 */
import { mosquittoPub } from '../support/mosquitto';
import { expect, requireMosquitto, test } from './fixtures';

requireMosquitto();

test('shows the SUBACK per filter and refuses invalid filters before sending', async ({ app, broker }) => {
  const p = app.page;
  await app.connectTo(broker);

  await p.getByLabel('Topic filter').fill('lab/#');
  await p.getByLabel('Subscription QoS').selectOption('2');
  await p.getByRole('button', { name: 'Subscribe', exact: true }).click();
  await expect(app.subscription('lab/#')).toContainText('QoS 2');

  for (const bad of ['a/#/b', 'a/b#', 'a+/b']) {
    await p.getByLabel('Topic filter').fill(bad);
    await p.getByRole('button', { name: 'Subscribe', exact: true }).click();
    await expect(p.getByLabel('Topic filter')).toHaveAttribute('aria-invalid', 'true');
    await expect(app.subscription(bad)).toHaveCount(0);
  }
  await expect(p.getByText(/must fill a whole level/)).toBeVisible();
  // Nothing invalid reached the broker, so the connection is still up.
  await expect(app.status).toContainText('Connected');
  await expect.poll(() => broker.log()).toContain('lab/#');
  expect(broker.log()).not.toContain('a+/b');
});

test('No Local is honoured by the broker; a subscription identifier is checked, sent and shown', async ({
  app,
  broker,
}) => {
  const p = app.page;
  await app.connectTo(broker);

  await p.getByRole('button', { name: 'Subscription Options' }).click();
  await p.getByLabel('No Local').check();
  await p.getByLabel('Subscription identifier').fill('0');
  await p.getByLabel('Topic filter').fill('echo/#');
  await p.getByRole('button', { name: 'Subscribe', exact: true }).click();
  await expect(p.getByText(/1 to 268435455/)).toBeVisible();
  await expect(app.subscription('echo/#')).toHaveCount(0);

  await p.getByLabel('Subscription identifier').fill('7');
  await p.getByRole('button', { name: 'Subscribe', exact: true }).click();
  await expect(app.subscription('echo/#')).toContainText('QoS 0');
  await expect(app.subscription('echo/#')).toContainText('No Local · id 7');

  // Our own message is not echoed back (No Local); a third party's is.
  await p.getByLabel('QoS', { exact: true }).selectOption('1');
  await app.publish('echo/mine', 'from-the-ui');
  await expect(app.publishResult).toContainText('Acknowledged: PUBACK');
  await mosquittoPub(broker, { topic: 'echo/theirs', message: 'from-mosquitto_pub' });
  await expect(app.message('echo/theirs', 'from-mosquitto_pub')).toBeVisible();
  await expect(app.message('echo/mine', 'from-the-ui')).toHaveCount(0);
});

test('publish outcome in the broker’s words, and the outgoing queue with Clear queue', async ({
  app,
  broker,
}) => {
  const p = app.page;
  await app.connectTo(broker);

  await p.getByLabel('QoS', { exact: true }).selectOption('1');
  await app.publish('nobody/listens', 'x');
  await expect(app.publishResult).toHaveText('Acknowledged: PUBACK No matching subscribers (0x10).');

  // A broker that stops answering leaves the QoS 1 message unacknowledged.
  broker.pause();
  try {
    await app.publish('nobody/listens', 'stuck');
    await expect(app.outgoingQueue).toContainText('1 message awaiting acknowledgement');
    await app.outgoingQueue.getByRole('button', { name: 'Clear queue' }).click();
    await expect(app.publishResult).toContainText('Removed from the outgoing queue');
    await expect(app.outgoingQueue).toBeHidden();
  } finally {
    broker.resume();
  }
});

test('a broker restart shows Reconnecting with the attempt, then Reconnected, with the subscription restored', async ({
  app,
  broker,
}) => {
  const p = app.page;
  await app.openSection('Advanced');
  await p.getByLabel('Reconnect attempts').fill('20');
  await p.getByLabel('Reconnect every (s)').fill('0.5');
  await app.connectTo(broker);
  await app.subscribe('restart/#');

  await broker.restart(async () => {
    await expect(app.status).toContainText(/Reconnecting \(attempt \d+\)/);
    await expect(app.status).toContainText(/Reconnecting in 500 ms \(attempt \d+ of 20\)/);
  });
  await expect(app.status).toContainText('Connected');
  await expect(app.status).toContainText('Reconnected.');
  await expect(app.subscription('restart/#')).toContainText('QoS 0');
  await mosquittoPub(broker, { topic: 'restart/after', message: 'still subscribed' });
  await expect(app.message('restart/after', 'still subscribed')).toBeVisible();
});
