/**
 * The publish panel end to end: the Monaco payload editor in Chromium against the web host
 * and a real Mosquitto, with mosquitto_sub on the other side checking what arrived.
 */
import { mosquittoPub, mosquittoSub, type MosquittoBroker } from '../support/mosquitto';
import { expect, requireMosquitto, test } from './fixtures';
import type { MainPage } from './main-page';

requireMosquitto();

/** The outcome line in the engine's words for a QoS 0 or an acknowledged publish. */
const SENT = /Sent \(QoS 0|Acknowledged/;

async function connect(app: MainPage, broker: MosquittoBroker): Promise<void> {
  await app.connectTo(broker);
}

async function compose(app: MainPage, topic: string, format: string, payload: string): Promise<void> {
  await app.page.getByLabel('Topic', { exact: true }).fill(topic);
  await app.payloadFormat.selectOption(format);
  await app.fillPayload(payload);
}

function publishButton(app: MainPage) {
  return app.page.getByRole('button', { name: 'Publish', exact: true });
}

test('JSON typed into Monaco arrives byte-exact, formatted and minified without changing a token', async ({
  app,
  broker,
}) => {
  await connect(app, broker);
  const sub = await mosquittoSub(broker, { topic: 'pub/json', count: 2 });
  const payload =
    '{\n  "cmd": "reboot",\n  "big": 12345678901234567890,\n  "args": [1, 2.50, {"deep": true}]\n}';
  await compose(app, 'pub/json', 'json', payload);
  await publishButton(app).click();
  await expect(app.publishResult).toContainText(SENT);

  await app.page.getByRole('button', { name: 'Minify' }).click();
  await expect
    .poll(() => app.payloadText())
    .toBe('{"cmd":"reboot","big":12345678901234567890,"args":[1,2.50,{"deep":true}]}');
  await publishButton(app).click();
  const seen = await sub.messages;
  expect(seen.map((m) => m.payload)).toEqual([
    payload,
    '{"cmd":"reboot","big":12345678901234567890,"args":[1,2.50,{"deep":true}]}',
  ]);
});

test('invalid JSON is marked and refused; fixed, it goes out with QoS 1, retain and MQTT 5 properties', async ({
  app,
  broker,
}) => {
  await connect(app, broker);
  await compose(app, 'pub/props', 'json', '{"on": tru}');
  // The JSON worker marks the error inline (squiggle + the note under the editor).
  await expect(app.page.locator('.squiggly-error').first()).toBeAttached();
  await expect(app.page.getByText(/1 syntax error/)).toBeVisible();
  await publishButton(app).click();
  await expect(app.publishResult).toContainText('Not published: The payload is not valid JSON');

  await app.fillPayload('{"on": true}');
  await expect(app.page.locator('.squiggly-error')).toHaveCount(0);
  await app.publishPanel.getByLabel('QoS').selectOption('1');
  await app.publishPanel.getByLabel('Retain').check();
  await app.page.getByRole('button', { name: 'MQTT 5 properties' }).click();
  await app.page.getByLabel('Content type').fill('application/json');
  await app.page.getByLabel('Format indicator').selectOption('utf8');
  await app.page.getByLabel('Message expiry (s)').fill('120');
  await app.page.getByLabel('Response topic').fill('pub/props/reply');
  await app.page.getByLabel('Correlation data', { exact: true }).fill('72 65 71 2d 34 32');
  await app.page.getByLabel('Correlation data format').selectOption('hex');
  for (const [key, value] of [
    ['device', 'lamp-7'],
    ['trace', 'abc'],
  ] as const) {
    await app.page.getByRole('button', { name: '+ Add user property' }).click();
    const row = app.page.getByRole('group', { name: 'MQTT 5 properties' });
    const index = (await row.getByPlaceholder('name').count()).toString();
    await app.page.getByLabel(`User property ${index} name`).fill(key);
    await app.page.getByLabel(`User property ${index} value`).fill(value);
  }
  await expect(app.page.getByRole('button', { name: 'MQTT 5 properties (7)' })).toBeVisible();

  const sub = await mosquittoSub(broker, { topic: 'pub/props', count: 1, qos: 1 });
  await publishButton(app).click();
  await expect(app.publishResult).toContainText('Acknowledged: PUBACK');
  const [seen] = await sub.messages;
  expect(seen).toMatchObject({ payload: '{"on": true}', retain: false });
  expect(seen?.properties).toMatchObject({
    'content-type': 'application/json',
    'payload-format-indicator': 1,
    'response-topic': 'pub/props/reply',
    'correlation-data': 'req-42',
    'user-properties': { device: 'lamp-7', trace: 'abc' },
  });
  // Retained: a subscriber that comes later still gets it, flagged as retained.
  const late = await mosquittoSub(broker, { topic: 'pub/props', count: 1 });
  expect((await late.messages)[0]).toMatchObject({ payload: '{"on": true}', retain: true });
});

test('hex goes out as bytes; invalid hex and base64 are refused with the position', async ({
  app,
  broker,
}) => {
  await connect(app, broker);
  const sub = await mosquittoSub(broker, { topic: 'pub/bytes', count: 2 });
  // UTF-8 for "€A": three bytes and one, so only a real hex decode prints it.
  await compose(app, 'pub/bytes', 'hex', 'e2 82 ac\n41');
  await publishButton(app).click();
  await expect(app.publishResult).toContainText(SENT);

  await app.fillPayload('e2 8z');
  await expect(
    app.page.getByRole('alert').filter({ hasText: '"z" at position 5 is not a hex digit' }),
  ).toBeVisible();
  await publishButton(app).click();
  await expect(app.publishResult).toContainText('Not published: "z" at position 5');

  await app.payloadFormat.selectOption('base64');
  await app.fillPayload('aGk*');
  await publishButton(app).click();
  await expect(app.publishResult).toContainText('"*" at position 4 is not valid base64');
  await app.fillPayload('aGk=');
  await publishButton(app).click();
  const seen = await sub.messages;
  expect(seen.map((m) => m.payload)).toEqual(['€A', 'hi']);
});

test('templates are previewed, expanded at send time, and an unknown variable is refused', async ({
  app,
  broker,
}) => {
  await connect(app, broker);
  const sub = await mosquittoSub(broker, { topic: 'pub/template', count: 1 });
  await compose(
    app,
    'pub/template',
    'json',
    '{"n": {{counter}}, "id": "{{uuid}}", "r": {{random(5,5)}}, "t": {{timestamp}}}',
  );
  await expect(app.page.getByLabel('Expanded payload preview')).toContainText('{"n": 1, "id": "');
  const before = Date.now();
  await publishButton(app).click();
  await expect(app.publishResult).toContainText(SENT);
  const [seen] = await sub.messages;
  const parsed = JSON.parse(seen?.payload ?? '') as { n: number; id: string; r: number; t: number };
  expect(parsed.n).toBe(1);
  expect(parsed.id).toMatch(/^[0-9a-f-]{36}$/);
  expect(parsed.r).toBe(5);
  expect(parsed.t).toBeGreaterThanOrEqual(before - 1000);

  await app.fillPayload('{"x": {{nope}}}');
  await publishButton(app).click();
  await expect(app.publishResult).toContainText('{{nope}} is not a template variable');
});

test('a repeat of 200 messages at 10 ms arrives complete, counting up, with throttled progress', async ({
  app,
  broker,
}) => {
  await connect(app, broker);
  const sub = await mosquittoSub(broker, { topic: 'pub/repeat', count: 200, timeoutMs: 30_000 });
  await compose(app, 'pub/repeat', 'text', 'n={{counter}}');
  await app.page.getByRole('button', { name: 'Repeat' }).click();
  await app.page.getByLabel('Every (ms)').fill('10');
  await app.page.getByLabel('Times').fill('200');
  await app.page.getByRole('button', { name: 'Start repeat' }).click();
  const status = app.page.getByRole('status', { name: 'Repeat status' });
  await expect(status).toContainText('200 of 200 sent', { timeout: 20_000 });
  await expect(status).toContainText('Done: 200 sent, 0 failed.');
  const seen = await sub.messages;
  expect(seen.map((m) => m.payload)).toEqual(Array.from({ length: 200 }, (_, i) => `n=${i + 1}`));
  // The next single publish continues the count.
  await expect(app.page.getByLabel('Expanded payload preview')).toHaveText('n=201');
});

test('a repeat until stopped ends by itself when the connection goes', async ({ app, broker }) => {
  await connect(app, broker);
  await compose(app, 'pub/forever', 'text', 'tick');
  await app.page.getByRole('button', { name: 'Repeat' }).click();
  await app.page.getByLabel('Every (ms)').fill('20');
  await app.page.getByLabel('Times').fill('');
  await app.page.getByRole('button', { name: 'Start repeat' }).click();
  const status = app.page.getByRole('status', { name: 'Repeat status' });
  await expect(status).toContainText(/[1-9]\d* sent/);
  await expect(status).toContainText('Repeating');
  await app.page.getByRole('button', { name: 'Disconnect', exact: true }).click();
  // Either the status change or the in-flight publish failing tells the engine first.
  await expect(status).toContainText(/Stopped: the connection (ended|closed)/i);
  await expect(app.page.getByRole('button', { name: 'Start repeat' })).toBeVisible();
});

test('Ctrl+Enter publishes from inside the editor and from the topic box', async ({ app, broker }) => {
  await connect(app, broker);
  const sub = await mosquittoSub(broker, { topic: 'pub/keys', count: 2 });
  await compose(app, 'pub/keys', 'text', 'from the editor');
  await app.payloadEditor.focus();
  await app.page.keyboard.press('Control+Enter');
  await expect(app.publishResult).toContainText(SENT);
  // The editor must not have received a newline from the shortcut.
  await expect.poll(() => app.payloadText()).toBe('from the editor');
  await app.fillPayload('from the topic box');
  await app.page.getByLabel('Topic', { exact: true }).press('Control+Enter');
  const seen = await sub.messages;
  expect(seen.map((m) => m.payload)).toEqual(['from the editor', 'from the topic box']);
});

test('history re-sends exactly, and edit puts the form back', async ({ app, broker }) => {
  await connect(app, broker);
  const sub = await mosquittoSub(broker, { topic: 'pub/history', count: 2 });
  await compose(app, 'pub/history', 'text', 'first {{counter}}');
  await publishButton(app).click();
  await expect(app.publishResult).toContainText(SENT);
  await app.fillPayload('changed');
  await app.page.getByRole('button', { name: 'History (1)' }).click();
  await app.page.getByRole('button', { name: 'Resend' }).click();
  expect((await sub.messages).map((m) => m.payload)).toEqual(['first 1', 'first 1']);
  await app.page.getByRole('button', { name: 'Edit', exact: true }).first().click();
  await expect.poll(() => app.payloadText()).toBe('first {{counter}}');
});

test('presets are saved per broker and survive a reload', async ({ app, broker }) => {
  await connect(app, broker);
  await compose(app, 'devices/7/cmd', 'json', '{"cmd": "ping"}');
  await app.publishPanel.getByLabel('QoS').selectOption('2');
  await app.page.getByRole('button', { name: 'Presets' }).click();
  await app.page.getByLabel('Preset name').fill('Ping device 7');
  await app.page.getByRole('button', { name: 'Save preset' }).click();
  const saved = app.page.getByRole('list', { name: 'Saved presets' });
  await expect(saved).toContainText('Ping device 7');

  await app.page.reload();
  await app.waitUntilReady();
  await connect(app, broker);
  await app.page.getByRole('button', { name: 'Presets' }).click();
  await saved.getByRole('button', { name: 'Load' }).click();
  await expect(app.page.getByLabel('Topic', { exact: true })).toHaveValue('devices/7/cmd');
  await expect(app.publishPanel.getByLabel('QoS')).toHaveValue('2');
  await expect.poll(() => app.payloadText()).toBe('{"cmd": "ping"}');
});

test('a JSON Schema for a topic pattern validates the payload', async ({ app, broker }) => {
  await connect(app, broker);
  await app.page.getByLabel('Topic', { exact: true }).fill('devices/9/cmd');
  await app.page.getByRole('button', { name: 'Payload formats…' }).click();
  const dialog = app.page.getByRole('dialog', { name: 'Payload formats' });
  await dialog.getByRole('button', { name: '+ Add schema' }).click();
  await expect(dialog.getByLabel('Topic pattern')).toHaveValue('devices/9/cmd');
  await dialog.getByLabel('Topic pattern').fill('devices/+/cmd');
  await dialog
    .getByLabel('JSON Schema')
    .fill('{"type":"object","properties":{"cmd":{"enum":["ping","reboot"]}},"required":["cmd"]}');
  await dialog.getByRole('button', { name: 'Save schemas' }).click();
  await expect(dialog).toBeHidden();
  await expect(app.page.getByText('Schema devices/+/cmd')).toBeVisible();
  await app.fillPayload('{"cmd": "explode"}');
  await expect(app.page.getByText(/1 schema warning/)).toBeVisible();
  await app.fillPayload('{"cmd": "ping"}');
  await expect(app.page.getByText(/schema warning/)).toHaveCount(0);
});

test('Monaco and its JSON worker load under the CSP without a single violation', async ({ app, broker }) => {
  const problems: string[] = [];
  app.page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  app.page.on('pageerror', (error) => problems.push(error.message));
  // Chromium logs refusals itself; this also catches report-only style violations.
  await app.page.addInitScript({
    content: `document.addEventListener('securitypolicyviolation', (e) =>
      console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile + ':' + e.lineNumber + ':' + e.columnNumber));`,
  });
  await app.page.reload();
  await app.waitUntilReady();
  await connect(app, broker);
  // A marker can only come from the JSON worker: proof that it started.
  await compose(app, 'pub/csp', 'json', '{"a": }');
  await expect(app.page.locator('.squiggly-error').first()).toBeAttached();
  await app.fillPayload('{"a": 1}');
  await publishButton(app).click();
  await expect(app.publishResult).toContainText(SENT);
  expect(problems).toEqual([]);
});

test('re-publish fills the panel from a received message, properties included, and sends it again', async ({
  app,
  broker,
}) => {
  await connect(app, broker);
  await app.subscribe('pub/again/#');
  await mosquittoPub(broker, {
    topic: 'pub/again/in',
    message: '{"level":3}',
    extraArgs: ['-D', 'publish', 'content-type', 'application/json'],
  });
  await app.messages.getByRole('row').filter({ hasText: 'pub/again/in' }).first().click();
  await app.detail.getByRole('button', { name: 'Re-publish…' }).click();
  await expect(app.page.getByLabel('Topic', { exact: true })).toHaveValue('pub/again/in');
  await expect.poll(() => app.payloadText()).toBe('{"level":3}');

  const sub = await mosquittoSub(broker, { topic: 'pub/again/out', count: 1 });
  await app.page.getByLabel('Topic', { exact: true }).fill('pub/again/out');
  await publishButton(app).click();
  const [seen] = await sub.messages;
  expect(seen).toMatchObject({ payload: '{"level":3}', properties: { 'content-type': 'application/json' } });
});
