/**
 * Scripts end to end (issue 16 part 3): the Scripts view makes a thermostat device and an
 * echo responder from the shipped examples and runs them against a real Mosquitto, with
 * mosquitto_sub as the independent witness; a script stuck in a loop is stopped at its CPU
 * limit, said in the console, and the app keeps answering.
 */
import { mosquittoPub, mosquittoSub } from '../support/mosquitto';
import { expect, requireMosquitto, test } from './fixtures';
import { showActivity, type MainPage } from './main-page';
import { ProfilesPanel } from './profiles-panel';
import { ScriptsPanel } from './scripts-panel';
import type { MosquittoBroker } from '../support/mosquitto';

requireMosquitto();

/** Scripts are saved with a profile: make one for the harness broker and connect from it. */
async function connectFromProfile(
  app: MainPage,
  broker: MosquittoBroker,
  name: string,
  will: { willTopic?: string; willPayload?: string } = {},
): Promise<void> {
  const profiles = new ProfilesPanel(app.page);
  await profiles.create({
    ...will,
    name,
    host: broker.host,
    port: broker.ports.mqtt,
    username: broker.username,
    password: broker.password,
  });
  await profiles.connectFrom(name);
  await expect(app.status).toContainText('Connected');
}

test('a thermostat simulator publishes, an echo responder answers, and the publish panel sees the answer with the correlation data (Scripts #e2e)', async ({
  app,
  broker,
}) => {
  const p = app.page;
  const mac = `e2e-t${test.info().workerIndex}-${Date.now() % 100_000}`;
  // The device connects with this profile too: its will says the thermostat went away.
  await connectFromProfile(app, broker, 'Scripted broker', {
    willTopic: `thermostat/${mac}/status`,
    willPayload: 'offline',
  });
  await app.subscribe('echo/#');
  await app.subscribe(`thermostat/${mac}/#`);

  const scripts = new ScriptsPanel(p);
  await scripts.show();

  // The echo responder, from its example, switched on for this connection.
  await scripts.create('Echo', 'Auto-responder');
  await expect(scripts.editor('Echo')).toBeAttached();
  await scripts.closeEditor();
  await scripts.setResponder(true);
  await expect(
    p.locator('.topbar').getByRole('status').filter({ hasText: '1 auto-responder on' }),
  ).toBeVisible();

  // The thermostat, its own MQTT client, with a known client id (its topics carry it).
  await scripts.create('Thermostat', 'Simulated device');
  await scripts.closeEditor();
  const witness = await mosquittoSub(broker, { topic: `thermostat/${mac}/temperature`, count: 1 });
  await scripts.view.getByLabel('Client ID', { exact: true }).fill(mac);
  await scripts.view.getByRole('button', { name: 'Start device' }).click();
  await expect(scripts.deviceStatus).toHaveText('Connected');
  const [reading] = await witness.messages;
  expect(JSON.parse(reading?.payload ?? '{}')).toMatchObject({ mac, target: 21 });
  await expect(app.message(`thermostat/${mac}/temperature`, `"mac":"${mac}"`).first()).toBeVisible();

  // A request from the publish panel: response topic and correlation data (MQTT 5).
  await p.getByRole('button', { name: /^MQTT 5 properties/ }).click();
  await app.publishPanel.getByLabel('Response topic').fill('echo/reply/1');
  await app.publishPanel.getByLabel('Correlation data', { exact: true }).fill('req-42');
  await app.publish('echo/request/1', 'ping from the publisher');

  const answer = app.message('echo/reply/1', 'ping from the publisher');
  await expect(answer).toBeVisible();
  await answer.click();
  await app.detailTab('Properties').click();
  await expect(app.detail.getByRole('table', { name: 'MQTT 5 properties' })).toContainText(
    Buffer.from('req-42').toString('base64'),
  );
  await scripts.open('Echo');
  await scripts.closeEditor();
  await expect(scripts.view.getByRole('status', { name: 'Responder counts' })).toContainText(
    '1 request answered',
  );

  await scripts.open('Thermostat');
  await scripts.closeEditor();
  // Killed (no DISCONNECT), the device leaves the profile's will.
  await scripts.view.getByRole('button', { name: 'Kill', exact: true }).click();
  await expect(scripts.deviceStatus).toHaveText('Stopped');
  await expect(app.message(`thermostat/${mac}/status`, 'offline')).toBeVisible();
});

test('a responder stuck in a loop is stopped at its CPU limit, the console says so at its line, and the app keeps answering (Scripts #limits)', async ({
  app,
  broker,
}) => {
  const p = app.page;
  await connectFromProfile(app, broker, 'Looping broker');
  await app.subscribe('loop/#');
  const scripts = new ScriptsPanel(p);
  await scripts.show();
  await scripts.create('Spin', 'Auto-responder', 'blank');
  await scripts.fillSource(
    'Spin',
    "on('loop/#', (message) => {\n  log('got', message.topic);\n  while (true) {}\n});\n",
  );
  await scripts.save();
  await scripts.setResponder(true);

  await mosquittoPub(broker, { topic: 'loop/1', message: 'spin' });
  const error = scripts.console.locator('.console-line.is-error').first();
  await expect(error).toBeVisible();
  await expect(error).toContainText('The script ran longer than 100 ms and was stopped.');
  await expect(scripts.console).toContainText('got loop/1');
  await expect(scripts.view.getByText(/Stopped at the CPU-time limit/)).toBeVisible();
  // The error names its line (QuickJS names where the interrupted code runs); a click there
  // puts the editor's cursor on it.
  await error.getByRole('button', { name: /^line \d+$/ }).click();
  await expect(scripts.editor('Spin')).toBeFocused();

  // The engine still answers: switching the responder off is a request and its reply.
  const asked = Date.now();
  await scripts.setResponder(false);
  expect(Date.now() - asked).toBeLessThan(5_000);
});

test('a saved transform shows its value in the detail pane for matching topics, and "try" gives an error at its line (Scripts #transform)', async ({
  app,
  broker,
}) => {
  const p = app.page;
  await connectFromProfile(app, broker, 'Transforming broker');
  await app.subscribe('sensors/#');
  await mosquittoPub(broker, { topic: 'sensors/kitchen', message: '{"temp": 21.5}' });
  await app.message('sensors/kitchen', '21.5').click();

  const scripts = new ScriptsPanel(p);
  await scripts.show();
  await scripts.create('Celsius', 'Transform');
  await scripts.closeEditor();
  await scripts.view.getByLabel('Topic pattern').fill('sensors/#');
  await scripts.view.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(scripts.row('Celsius').getByRole('img', { name: 'Unsaved changes' })).toBeHidden();

  // One line under the message's header; opened, the value as a tree.
  const summary = app.detail.locator('summary').filter({ hasText: 'Transform: Celsius' });
  await expect(summary).toContainText('{"celsius":21.5,"fahrenheit":71,"topic":"sensors/kitchen"}');
  await summary.click();
  const view = app.detail.getByRole('region', { name: 'Transform result' });
  await expect(view).toContainText('celsius: 21.5');
  await expect(view).toContainText('fahrenheit: 71');

  // Unsaved text, tried on the selected message: its error names the line.
  await scripts.open('Celsius');
  await scripts.fillSource(
    'Celsius',
    'transform((message) => {\n  return message.json.missing.deeper;\n});\n',
  );
  await scripts.pane.getByRole('button', { name: 'Try on selected message' }).click();
  await expect(scripts.pane.getByRole('status', { name: 'Result' })).toContainText('Error at line 2');
});

test('the script editor completes the script API from its typings, and offers no DOM or Node globals (Scripts #editor)', async ({
  app,
  broker,
}) => {
  const p = app.page;
  await connectFromProfile(app, broker, 'Editing broker');
  const scripts = new ScriptsPanel(p);
  await scripts.show();
  await scripts.create('Typed', 'Simulated device', 'blank');
  await scripts.editor('Typed').focus();
  await p.keyboard.type('pub');
  await p.keyboard.press('Control+Space');
  const suggestions = scripts.pane.locator('.suggest-widget');
  await expect(suggestions).toContainText('publish');
  await p.keyboard.press('Escape');
  await p.keyboard.press('ControlOrMeta+A');
  await p.keyboard.type('fetc');
  await p.keyboard.press('Control+Space');
  // The sandbox has no fetch, window or require: the editor does not suggest them either.
  await expect(suggestions.getByText('No suggestions.')).toBeVisible();

  // Another activity gets the main area back; the Scripts view brings the editor again.
  await showActivity(p, 'Connections');
  await expect(scripts.pane).toBeHidden();
  await scripts.show();
  await expect(scripts.editor('Typed')).toBeAttached();
});
