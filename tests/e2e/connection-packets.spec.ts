/** The packet timeline against a real Mosquitto: listed on open, then streamed live. */
import { mosquittoPub } from '../support/mosquitto';
import { expect, requireMosquitto, test } from './fixtures';

requireMosquitto();

test('the packet timeline shows CONNECT with the password masked, CONNACK, SUBSCRIBE/SUBACK and PUBLISH', async ({
  app,
  broker,
}) => {
  const p = app.page;
  await app.connectTo(broker);
  await app.subscribe('pk/#');

  // Opened after the fact: what happened so far comes from packets.list.
  await p.getByRole('button', { name: 'Packets', exact: true }).click();
  const timeline = p.getByRole('listbox', { name: 'Packets' });
  const row = (type: string) =>
    timeline.getByRole('option').filter({ has: p.getByText(type, { exact: true }) });
  await expect(row('CONNECT')).toHaveCount(1);
  await expect(row('CONNECT')).toContainText(`user ${broker.username}`);
  await expect(row('CONNECT')).toContainText('password ••••••');
  await expect(timeline).not.toContainText(broker.password);
  await expect(row('CONNACK')).toContainText('session present no');
  await expect(row('SUBSCRIBE')).toContainText('pk/# (QoS 0)');
  await expect(row('SUBACK')).toContainText('granted 0');

  // From here on the timeline is fed by packets.batch.
  await p.getByLabel('QoS', { exact: true }).selectOption('1');
  await app.publish('pk/out', 'hello');
  await mosquittoPub(broker, { topic: 'pk/in', message: 'from outside' });
  // Ours goes out at QoS 1; the broker's copy comes back at the subscription's QoS 0.
  await expect(row('PUBLISH').filter({ hasText: 'pk/out · QoS 1 · 5 B' })).toHaveCount(1);
  await expect(row('PUBLISH').filter({ hasText: 'pk/out · QoS 0 · 5 B' })).toHaveCount(1);
  await expect(row('PUBACK')).not.toHaveCount(0);
  await expect(row('PUBLISH').filter({ hasText: 'pk/in' })).toHaveCount(1);

  // Selecting a row shows its decoded fields; the password stays masked there too.
  await row('CONNECT').click();
  const fields = p.getByRole('region', { name: 'Packet fields' });
  await expect(fields).toContainText('"password": "••••••"');
  await expect(fields).toContainText(`"username": "${broker.username}"`);
  await expect(fields).not.toContainText(broker.password);

  // Filter by packet type.
  await p.getByLabel('Packet type').selectOption('publish');
  await expect(timeline.getByRole('option')).toHaveCount(3);
  await expect(
    timeline.getByRole('option').filter({ hasNot: p.getByText('PUBLISH', { exact: true }) }),
  ).toHaveCount(0);
  await expect(row('CONNECT')).toHaveCount(0);
});
