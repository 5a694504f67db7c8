/**
 * The topic tree, the message list and the detail pane in Chromium against the web host
 * and a real Mosquitto, fed by the real mosquitto_pub.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Download } from '@playwright/test';
import { mosquittoPub, mosquittoSub } from '../support/mosquitto';
import {
  mosquittoPubFile,
  mosquittoPubLines,
  mosquittoPubWithProperties,
  startFlood,
} from '../support/mosquitto-burst';
import { expect, requireMosquitto, test } from './fixtures';

requireMosquitto();

/** Each test uses its own topic root: tests share a broker, and retained values outlive a test. */
const root = () => `e2e-${randomBytes(4).toString('hex')}`;

test('the tree shows nested topics with counts and retained markers, and the keyboard walks it', async ({
  app,
  broker,
}, testInfo) => {
  const r = root();
  await mosquittoPub(broker, { topic: `${r}/home/hall/light`, message: 'on', retain: true, qos: 1 });
  await app.connectAndSubscribe(broker, `${r}/#`);
  await mosquittoPubLines(broker, `${r}/home/kitchen/temp`, ['{"c":21}', '{"c":22}', '{"c":23}']);
  await mosquittoPub(broker, { topic: `${r}/office/temp`, message: '19.5' });

  const top = app.topic(r);
  await expect(top).toContainText('5');
  await expect(top).toHaveAttribute('aria-expanded', 'false');

  // Keyboard: focus the tree, Right opens, Down moves, Right opens the next level.
  await app.topics.focus();
  await app.page.keyboard.press('Home');
  await app.page.keyboard.press('ArrowRight');
  await expect(top).toHaveAttribute('aria-expanded', 'true');
  await expect(app.topic(`${r}/home`)).toContainText('4');
  await app.page.keyboard.press('ArrowDown');
  await app.page.keyboard.press('ArrowRight');
  await expect(app.topic(`${r}/home`)).toHaveAttribute('aria-expanded', 'true');
  await app.page.keyboard.press('ArrowRight');
  await app.page.keyboard.press('ArrowRight');
  const hall = app.topic(`${r}/home/hall`);
  await expect(hall).toHaveAttribute('aria-expanded', 'true');
  await expect(app.topic(`${r}/home/hall/light`).getByTitle('Holds a retained value')).toBeVisible();
  await expect(app.topic(`${r}/home/hall/light`)).toContainText('on');
  // Left on an open node folds it; Left again goes to the parent.
  await app.page.keyboard.press('ArrowLeft');
  await expect(hall).toHaveAttribute('aria-expanded', 'false');
  await app.page.keyboard.press('ArrowLeft');
  await expect(app.topic(`${r}/home`)).toHaveAttribute('aria-selected', 'true');

  // Selecting a topic shows its last message in the detail pane.
  await app.topic(`${r}/home/kitchen`).click();
  await expect(app.topic(`${r}/home/kitchen`)).toHaveAttribute('aria-selected', 'true');
  await app.page.keyboard.press('ArrowRight');
  await app.page.keyboard.press('ArrowDown');
  await expect(app.detail).toContainText(`${r}/home/kitchen/temp`);
  await expect(app.detail.getByRole('tabpanel')).toContainText('"c": 23');

  const shot = testInfo.outputPath('topic-tree.png');
  await app.page.screenshot({ path: shot });
  await testInfo.attach('topic-tree', { path: shot, contentType: 'image/png' });
});

test('wildcard, regex and exclude filters narrow the tree and the list', async ({ app, broker }) => {
  const r = root();
  await app.connectAndSubscribe(broker, `${r}/#`);
  await mosquittoPub(broker, { topic: `${r}/home/kitchen/temp`, message: 'k' });
  await mosquittoPub(broker, { topic: `${r}/home/hall/temp`, message: 'h' });
  await mosquittoPub(broker, { topic: `${r}/debug/trace`, message: 'd' });
  await expect(app.messageCounts).toContainText('3 received');

  await app.filterKind.selectOption('wildcard');
  await app.filterText.fill(`${r}/home/+/temp`);
  await expect(app.topic(`${r}/home/kitchen/temp`)).toBeVisible();
  await expect(app.topic(`${r}/debug`)).toHaveCount(0);
  await expect(app.messages.getByRole('row').filter({ hasText: `${r}/` })).toHaveCount(2);
  const result = app.page.getByRole('status', { name: 'Filter result' });
  await expect(result).toHaveText('2 matching topics');
  // Topics arriving while a filter is on are matched as they come.
  await mosquittoPub(broker, { topic: `${r}/home/attic/temp`, message: 'a' });
  await mosquittoPub(broker, { topic: `${r}/debug/more`, message: 'x' });
  await expect(app.topic(`${r}/home/attic/temp`)).toBeVisible();
  await expect(app.messages.getByRole('row').filter({ hasText: `${r}/` })).toHaveCount(3);
  await expect(result).toHaveText('3 matching topics');

  await app.filterKind.selectOption('regex');
  await app.filterText.fill('kitchen|trace$');
  await expect(app.topic(`${r}/debug/trace`)).toBeVisible();
  await expect(app.topic(`${r}/home/hall`)).toHaveCount(0);
  await expect(app.messages.getByRole('row').filter({ hasText: `${r}/` })).toHaveCount(2);

  await app.filterText.fill('');
  await app.filterExclude.fill(`${r}/debug/#`);
  await expect(app.topic(r)).toBeVisible();
  await expect(app.topic(`${r}/debug`)).toHaveCount(0);
  await expect(app.messages.getByRole('row').filter({ hasText: `${r}/debug` })).toHaveCount(0);
  await expect(app.messages.getByRole('row').filter({ hasText: `${r}/home` })).toHaveCount(3);

  await app.filterKind.selectOption('regex');
  await app.filterText.fill('(');
  await expect(app.page.getByText(/Not a valid regular expression/)).toBeVisible();
});

test('the detail pane: pretty JSON, JSON tree, diff with the previous message, hex for invalid UTF-8', async ({
  app,
  broker,
}) => {
  const r = root();
  await app.connectAndSubscribe(broker, `${r}/#`);
  await mosquittoPubLines(broker, `${r}/dev`, ['{"temp":21,"on":true}', '{"temp":22,"on":true,"fan":1}']);
  await app.message(`${r}/dev`, '"fan":1').click();
  const panel = app.detail.getByRole('tabpanel');
  await expect(panel).toContainText('"fan": 1');
  await app.detailTab('Tree').click();
  await expect(app.detail.getByRole('tree', { name: 'JSON tree' })).toContainText('temp');
  await app.detailTab('Diff').click();
  const diff = app.detail.getByRole('table', { name: 'Changes since the previous message' });
  await expect(diff.getByRole('row').filter({ hasText: '/temp' })).toContainText('replace');
  await expect(diff.getByRole('row').filter({ hasText: '/fan' })).toContainText('add');
  // In the list, Up moves the selection to the message before, keyboard only.
  await app.messages.getByRole('rowgroup', { name: 'Message rows' }).focus();
  await app.page.keyboard.press('ArrowUp');
  await expect(app.message(`${r}/dev`, '"temp":21')).toHaveAttribute('aria-selected', 'true');
  await app.detailTab('JSON').click();
  await expect(panel).not.toContainText('fan');

  const dir = await mkdtemp(join(tmpdir(), 'mqscope-e2e-'));
  try {
    const file = join(dir, 'bad.bin');
    await writeFile(file, new Uint8Array([0x41, 0x42, 0xff, 0xfe, 0x00, 0x43]));
    await mosquittoPubFile(broker, `${r}/bin`, file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  await app.messages
    .getByRole('row')
    .filter({ hasText: `${r}/bin` })
    .click();
  await expect(app.detail.getByRole('note').filter({ hasText: 'Not valid UTF-8' })).toContainText('offset 2');
  // Binary payloads open in the hex view, with offsets.
  await expect(app.detailTab('Hex')).toHaveAttribute('aria-selected', 'true');
  await expect(app.detail.getByRole('region', { name: 'Hex dump' })).toContainText('00000000');
  await expect(app.detail.getByRole('region', { name: 'Hex dump' })).toContainText('41 42 ff fe 00 43');
  await app.detailTab('Base64').click();
  await expect(panel).toContainText('QUL//gBD');

  // MQTT 5 properties, as mosquitto_pub sent them.
  await mosquittoPubWithProperties(broker, `${r}/props`, '{"ok":true}', [
    ['content-type', 'application/json'],
    ['user-property', 'origin', 'lab-7'],
    ['message-expiry-interval', '120'],
  ]);
  await app.messages
    .getByRole('row')
    .filter({ hasText: `${r}/props` })
    .click();
  await app.detailTab('Properties').click();
  const properties = app.detail.getByRole('table', { name: 'MQTT 5 properties' });
  await expect(properties.getByRole('row', { name: /Content type/ })).toContainText('application/json');
  await expect(properties.getByRole('row', { name: /User: origin/ })).toContainText('lab-7');
  // The broker passes on what is left of the expiry interval.
  await expect(properties.getByRole('row', { name: /Message expiry/ })).toContainText(/(119|120) s/);
});

test('pause freezes the view while counts run on; resume shows what came meanwhile', async ({
  app,
  broker,
}) => {
  const r = root();
  await app.connectAndSubscribe(broker, `${r}/#`);
  await mosquittoPub(broker, { topic: `${r}/a`, message: 'before' });
  await expect(app.message(`${r}/a`, 'before')).toBeVisible();

  await app.page.getByRole('button', { name: 'Pause' }).click();
  await expect(app.page.getByRole('button', { name: 'Resume' })).toHaveAttribute('aria-pressed', 'true');
  await mosquittoPubLines(broker, `${r}/a`, ['during-1', 'during-2']);
  await expect(app.messageCounts).toContainText('3 received');
  await expect(app.page.getByRole('note').filter({ hasText: 'Paused' })).toContainText('2 new messages');
  await expect(app.message(`${r}/a`, 'during-1')).toHaveCount(0);

  await app.page.getByRole('button', { name: 'Resume' }).click();
  await expect(app.message(`${r}/a`, 'during-2')).toBeVisible();
  await expect(app.message(`${r}/a`, 'during-1')).toBeVisible();

  await app.page.getByRole('button', { name: 'Clear' }).click();
  await expect(app.messageCounts).toContainText('0 received');
  await expect(app.topic(r)).toHaveCount(0);
});

test('a 2 000-message burst arrives complete and in order in the list', async ({ app, broker }) => {
  const r = root();
  await app.connectAndSubscribe(broker, `${r}/#`);
  const count = 2000;
  await mosquittoPubLines(
    broker,
    `${r}/burst`,
    Array.from({ length: count }, (_, n) => `msg-${String(n).padStart(4, '0')}`),
  );
  await expect(app.messageCounts).toContainText('2,000 received');
  await expect(app.messages).toHaveAttribute('aria-rowcount', String(count + 1));
  // Following the tail: the newest rows are on screen, in order.
  await expect(app.message(`${r}/burst`, 'msg-1999')).toBeVisible();
  const tail = await app.messages.getByRole('row').filter({ hasText: 'msg-' }).allInnerTexts();
  const tailNumbers = tail.map((t) => Number(/msg-(\d{4})/.exec(t)?.[1]));
  expect(tailNumbers).toEqual([...tailNumbers].sort((a, b) => a - b));
  expect(tailNumbers.at(-1)).toBe(count - 1);
  // Scrolled to the top: the oldest rows, fetched back from the engine's log.
  await app.messages
    .getByRole('rowgroup')
    .last()
    .evaluate((el) => (el.scrollTop = 0));
  await expect(app.message(`${r}/burst`, 'msg-0000')).toBeVisible();
  await expect(app.message(`${r}/burst`, 'msg-0001')).toBeVisible();
  await expect(app.page.getByRole('button', { name: 'Jump to newest' })).toBeVisible();
});

test('a flood keeps the window answering clicks while it runs', async ({ app, broker }) => {
  const r = root();
  await app.connectAndSubscribe(broker, `${r}/#`);
  await mosquittoPub(broker, { topic: `${r}/marker`, message: 'click me' });
  await expect(app.topic(r)).toBeVisible();
  const flood = startFlood(
    broker,
    Array.from({ length: 4 }, (_, i) => `${r}/flood/${i}`),
  );
  try {
    // The flood is flowing into the page…
    await expect(app.messageCounts).toContainText(/\d{1,3},\d{3} received/);
    // …and clicks still get answers while it does.
    await app.topic(r).click();
    await expect(app.topic(r)).toHaveAttribute('aria-selected', 'true');
    await app.page.getByRole('button', { name: 'Pause' }).click();
    await expect(app.page.getByRole('button', { name: 'Resume' })).toHaveAttribute('aria-pressed', 'true');
    await app.filterText.fill('marker');
    await expect(app.topic(`${r}/marker`)).toBeVisible();
    expect(flood.sent()).toBeGreaterThan(0);
  } finally {
    await flood.stop();
  }
});

test('delete retained on a subtree, confirmed, leaves a fresh subscriber nothing retained there', async ({
  app,
  broker,
}) => {
  const r = root();
  await mosquittoPub(broker, { topic: `${r}/dev/1/state`, message: 'on', retain: true, qos: 1 });
  await mosquittoPub(broker, { topic: `${r}/dev/2/state`, message: 'off', retain: true, qos: 1 });
  await app.connectAndSubscribe(broker, `${r}/#`);
  await expect(app.messageCounts).toContainText('2 received');

  await app.topics.focus();
  await app.page.keyboard.press('Home');
  await app.page.keyboard.press('ArrowRight');
  await app.page.keyboard.press('ArrowDown');
  await expect(app.topic(`${r}/dev`)).toHaveAttribute('aria-selected', 'true');
  await app.page.getByRole('button', { name: 'Delete retained…' }).click();
  const confirm = app.page.getByRole('group', { name: 'Confirm deleting retained values' });
  await expect(confirm).toContainText('2 topics');
  await confirm.getByRole('button', { name: 'Delete 2 retained' }).click();
  await expect(app.page.getByRole('status', { name: 'Delete retained result' })).toHaveText(
    'Cleared 2 retained values.',
  );
  await expect(app.topic(`${r}/dev`).getByTitle('Holds a retained value')).toHaveCount(0);

  // Retained copies come right after SUBACK: if the live marker is first, none are left.
  const fresh = await mosquittoSub(broker, { topic: `${r}/dev/#`, count: 1 });
  await mosquittoPub(broker, { topic: `${r}/dev/marker`, message: 'live' });
  expect((await fresh.messages).map((m) => m.topic)).toEqual([`${r}/dev/marker`]);
});

test('export writes the filtered messages as JSON Lines and CSV', async ({ app, broker }) => {
  const r = root();
  await app.connectAndSubscribe(broker, `${r}/#`);
  await mosquittoPubLines(broker, `${r}/keep`, ['{"a":1}', 'plain, "quoted"']);
  await mosquittoPub(broker, { topic: `${r}/skip`, message: 'no' });
  await expect(app.messageCounts).toContainText('3 received');
  await app.filterKind.selectOption('wildcard');
  await app.filterText.fill(`${r}/keep`);
  await expect(app.messages.getByRole('row').filter({ hasText: `${r}/` })).toHaveCount(2);

  const exportSelect = app.page.getByLabel('Export the list');
  const [jsonl] = await Promise.all([app.page.waitForEvent('download'), exportSelect.selectOption('jsonl')]);
  const lines = (await readDownload(jsonl))
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as { topic: string; payload: string });
  expect(lines.map((l) => [l.topic, l.payload])).toEqual([
    [`${r}/keep`, '{"a":1}'],
    [`${r}/keep`, 'plain, "quoted"'],
  ]);
  await expect(app.page.getByRole('status', { name: 'Export result' })).toHaveText('Exported 2 messages');

  const [csv] = await Promise.all([app.page.waitForEvent('download'), exportSelect.selectOption('csv')]);
  const text = await readDownload(csv);
  expect(text.split('\n')[0]).toBe('seq,time,topic,qos,retain,size,truncated_at,encoding,payload');
  expect(text).toContain('"plain, ""quoted"""');
  expect(text).not.toContain(`${r}/skip`);
});

test('lower log limits evict the oldest and the toolbar says how many', async ({ app, broker }) => {
  const r = root();
  await app.connectAndSubscribe(broker, `${r}/#`);
  await app.page.getByRole('button', { name: 'Limits' }).click();
  const limits = app.page.getByRole('form', { name: 'Message log limits' });
  await limits.getByLabel('Messages kept').fill('100');
  await limits.getByRole('button', { name: 'Apply' }).click();
  await expect(limits).toHaveCount(0);
  await mosquittoPubLines(
    broker,
    `${r}/many`,
    Array.from({ length: 150 }, (_, n) => `m${n}`),
  );
  await expect(app.messageCounts).toContainText('150 received · 100 kept');
  await expect(app.page.getByRole('note').filter({ hasText: 'oldest dropped' })).toContainText(
    '50 oldest dropped to stay within 100 messages',
  );
  await expect(app.messages).toHaveAttribute('aria-rowcount', '101');
});

async function readDownload(download: Download): Promise<string> {
  const path = await download.path();
  return readFile(path, 'utf8');
}

test('a 5 MB payload shows a 1 MB preview, then all of it on request, and the window keeps answering', async ({
  app,
  broker,
}) => {
  const r = root();
  await app.connectAndSubscribe(broker, `${r}/#`);
  // A JSON array of 5 MB: pretty-printing and the tree must not freeze the page.
  const item = JSON.stringify({ id: 0, name: 'sensor', values: [1, 2, 3, 4, 5, 6, 7, 8] });
  const count = Math.ceil((5 * 1024 * 1024) / (item.length + 1));
  const dir = await mkdtemp(join(tmpdir(), 'mqscope-e2e-'));
  try {
    const file = join(dir, 'big.json');
    await writeFile(file, `[${Array.from({ length: count }, () => item).join(',')}]`);
    await mosquittoPubFile(broker, `${r}/big`, file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  await app.messages
    .getByRole('row')
    .filter({ hasText: `${r}/big` })
    .click();
  const partial = app.detail.getByRole('note').filter({ hasText: 'Showing the first' });
  await expect(partial).toContainText('Showing the first 1.0 MB of 5.0 MB');
  await expect(app.detail.getByRole('region', { name: 'Payload text' })).toContainText('"sensor"');

  await partial.getByRole('button', { name: 'Show all' }).click();
  await expect(partial).toHaveCount(0);
  await expect(app.detailTab('JSON')).toHaveAttribute('aria-selected', 'true');
  await expect(app.detail.getByRole('region', { name: 'Pretty JSON' })).toContainText('"name": "sensor"');
  await app.detailTab('Tree').click();
  await expect(app.detail.getByRole('tree', { name: 'JSON tree' })).toContainText(`(root) [${count}]`);
  // Still answering: another click changes the view at once.
  await app.detailTab('Hex').click();
  await expect(app.detail.getByRole('region', { name: 'Hex dump' })).toContainText('00000000');
});
