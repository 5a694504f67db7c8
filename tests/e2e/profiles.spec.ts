/**
 * Saved profiles end to end: made in the form, kept across a reload (secrets never shown),
 * connected from, exported and imported again, deleted and brought back, and the guards
 * that keep edits and files from being lost. Against the harness's real Mosquitto.
 */
import { mosquittoSub } from '../support/mosquitto';
import { expect, requireMosquitto, test } from './fixtures';
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
