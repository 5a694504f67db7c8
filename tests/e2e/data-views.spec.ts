/**
 * Issue 11 in Chromium against the web host and a real Mosquitto: payload search, the tree
 * scoping the list, honest rates, the filter checked as you type, topic history and text
 * diff, copy as mosquitto_pub run for real, images and hex previews.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { mosquittoPub, mosquittoSub } from '../support/mosquitto';
import { mosquittoPubFile, mosquittoPubLines, mosquittoPubWithProperties } from '../support/mosquitto-burst';
import { expect, requireMosquitto, test } from './fixtures';

requireMosquitto();

const run = promisify(execFile);
const root = () => `e2e-dv-${randomBytes(4).toString('hex')}`;

/** A 1×1 PNG (a red pixel): a real image, decodable by Chromium. */
const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
  'base64',
);

test('payload search finds one word among 10,000, the tree scopes the list, rates are honest', async ({
  app,
  broker,
}) => {
  const r = root();
  const page = app.page;
  // Data #8: the subscription filter is checked as you type.
  const subscribeFilter = page.getByLabel('Topic filter');
  await subscribeFilter.fill('demo/#/x');
  await expect(subscribeFilter).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('.subscribe-form')).toContainText('must be a whole level and the last one');
  await subscribeFilter.fill('');

  await app.connectAndSubscribe(broker, `${r}/#`);
  const lines = Array.from({ length: 10_000 }, (_, i) =>
    i === 6_543 ? 'status: overheating' : `{"t":${i}}`,
  );
  // In batches the broker's default per-client queue (1000) holds.
  for (let i = 0; i < lines.length; i += 1000) {
    await mosquittoPubLines(broker, `${r}/bulk`, lines.slice(i, i + 1000), 1);
    await expect(app.messageCounts).toContainText(`${(i + 1000).toLocaleString('en')} received`, {
      timeout: 30_000,
    });
  }
  await mosquittoPub(broker, { topic: `${r}/once`, message: 'just one' });

  // Data #2: a word only inside one payload: the topic filter alone finds nothing.
  await app.filterText.fill('overheating');
  await expect(app.messages.getByRole('row').filter({ hasText: 'overheating' })).toHaveCount(0);
  await app.filterText.fill('');
  const search = page.getByRole('search', { name: 'Payload search' });
  await search.getByRole('searchbox').fill('OVERHEATING');
  const status = search.getByRole('status', { name: 'Search result' });
  await expect(status).toContainText('filtered by topic and payload · 1 matching message', {
    timeout: 15_000,
  });
  const hit = app.message(`${r}/bulk`, 'status: overheating');
  await expect(hit).toHaveCount(1);
  await expect(hit.locator('mark')).toHaveText('overheating');
  // Enter selects the match and shows it.
  await search.getByRole('searchbox').press('Enter');
  await expect(app.detail).toContainText('status: overheating');
  // Data #2 bad input: a regex that does not compile is marked in the field.
  await search.getByLabel('Payload search kind').selectOption('regex');
  await search.getByRole('searchbox').fill('(unclosed');
  await expect(search.getByRole('searchbox')).toHaveAttribute('aria-invalid', 'true');
  await expect(search).toContainText('Not a valid regular expression');
  await search.getByRole('searchbox').fill('');

  // Data #8: a topic with one message says "1 msg", not a rate.
  await expect(app.topic(r)).toHaveAttribute('aria-expanded', 'false');
  await app.topic(r).locator('.topic-twisty').click();
  await expect(app.topic(`${r}/once`).locator('.topic-rate')).toHaveText('1 msg');

  // Data #4: selecting a node narrows the list, with a removable chip.
  await app.topic(`${r}/once`).click();
  const chip = search.getByRole('button', { name: `Show all topics again (remove ${r}/once)` });
  await expect(chip).toBeVisible();
  await expect(status).toContainText('1 matching message');
  await expect(app.messages.getByRole('row').filter({ hasText: `${r}/bulk` })).toHaveCount(0);
  await expect(app.message(`${r}/once`, 'just one')).toHaveCount(1);
  await chip.click();
  await expect(chip).toHaveCount(0);
  await expect(
    app.messages
      .getByRole('row')
      .filter({ hasText: `${r}/bulk` })
      .first(),
  ).toBeVisible();
});

test('older/newer, a text diff, copy as mosquitto_pub run for real, images and hex', async ({
  app,
  broker,
}) => {
  const r = root();
  const page = app.page;
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await app.connectAndSubscribe(broker, `${r}/#`);
  await mosquittoPubLines(broker, `${r}/h`, ['alpha one', 'alpha two', 'alpha three'], 1);
  await mosquittoPub(broker, { topic: `${r}/other`, message: 'noise' });

  // Data #3: older/newer through the topic's history, with its position.
  await app.message(`${r}/h`, 'alpha three').click();
  const position = app.detail.getByRole('status', { name: 'Position on this topic' });
  await expect(position).toHaveText('3 of 3 on this topic');
  await app.detail.getByRole('button', { name: '◀ Older' }).click();
  await expect(position).toHaveText('2 of 3 on this topic');
  await page.keyboard.press('Alt+ArrowUp');
  await expect(position).toHaveText('1 of 3 on this topic');
  await page.keyboard.press('Alt+ArrowDown');
  await page.keyboard.press('Alt+ArrowDown');
  await expect(position).toHaveText('3 of 3 on this topic');
  // Compare with the previous one (the default): Monaco's side-by-side text diff.
  await app.detail.getByRole('button', { name: 'Compare', exact: true }).click();
  const diff = app.detail.getByTestId('text-diff');
  await expect(diff).toContainText('alpha two', { timeout: 20_000 });
  await expect(diff).toContainText('alpha three');

  // Data #5: copy as mosquitto_pub, run it, and receive the same bytes and properties.
  await mosquittoPubWithProperties(broker, `${r}/props`, "it's 21.5 °C", [
    ['content-type', 'text/plain'],
    ['user-property', 'room', 'kitchen'],
  ]);
  await app.message(`${r}/props`, '21.5').click();
  await app.detail.getByLabel('Copy this message').selectOption('mosquitto');
  await expect(app.detail).toContainText('Copied: mosquitto_pub.');
  const command = String(await page.evaluate('navigator.clipboard.readText()'));
  expect(command).toContain(`-t '${r}/props'`);
  const sub = await mosquittoSub(broker, { topic: `${r}/props`, count: 1, qos: 1 });
  await run('bash', ['-c', `${command} -u ${broker.username} -P ${broker.password}`]);
  const [copied] = await sub.messages;
  expect(copied?.payload).toBe("it's 21.5 °C");
  expect(copied?.properties).toMatchObject({ 'content-type': 'text/plain' });
  expect(JSON.stringify(copied?.properties)).toContain('kitchen');
  await app.detail.getByLabel('Copy this message').selectOption('json');
  await expect(app.detail).toContainText('Copied: Message as JSON.');
  const json = JSON.parse(String(await page.evaluate('navigator.clipboard.readText()'))) as Record<
    string,
    unknown
  >;
  expect(json).toMatchObject({ topic: `${r}/props`, payload: "it's 21.5 °C" });

  // Data #6: a PNG shows as an image; random bytes show hex, never U+FFFD.
  const dir = await mkdtemp(join(tmpdir(), 'mqscope-dv-'));
  try {
    await writeFile(join(dir, 'pixel.png'), PNG_1X1);
    const random = randomBytes(300);
    random[0] = 0xff; // never valid UTF-8
    await writeFile(join(dir, 'random.bin'), random);
    await mosquittoPubFile(broker, `${r}/img`, join(dir, 'pixel.png'));
    await mosquittoPubFile(broker, `${r}/rand`, join(dir, 'random.bin'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const pngRow = app.messages.getByRole('row').filter({ hasText: `${r}/img` });
  await expect(pngRow).toContainText('binary');
  await expect(pngRow).toContainText('89 50 4e 47 0d 0a 1a 0a');
  await pngRow.click();
  const img = app.detail.getByRole('img', { name: 'The payload as an image (image/png)' });
  await expect(img).toBeVisible();
  await expect(app.detail).toContainText('image/png, 1 × 1 px');
  const randRow = app.messages.getByRole('row').filter({ hasText: `${r}/rand` });
  await expect(randRow).toContainText('binary 300 B · ff');
  expect(await page.locator('body').innerText()).not.toContain('\uFFFD');
});

test('Chart this: 50 numbers make 50 points and a CSV of them; a JSON field across two topics', async ({
  app,
  broker,
}) => {
  const r = root();
  const page = app.page;
  await app.connectAndSubscribe(broker, `${r}/#`);
  const values = Array.from({ length: 50 }, (_, i) => String((i * 1.5).toFixed(1)));
  await mosquittoPubLines(broker, `${r}/num`, values, 1);
  await expect(app.messageCounts).toContainText('50 received');

  // Data #1: a chart starts with the history the log holds: 50 points at once.
  await app.message(`${r}/num`, '73.5').click();
  await app.detail.getByRole('button', { name: 'Chart this' }).click();
  const chart = page.getByRole('region', { name: `Chart: ${r}/num` });
  await expect(chart).toHaveAttribute('data-points', '50', { timeout: 15_000 });
  await expect(chart.getByRole('table', { name: 'Series statistics' })).toContainText('73.5');
  const downloading = page.waitForEvent('download');
  await chart.getByRole('button', { name: 'CSV' }).click();
  const file = await (await downloading).path();
  const csv = (await readFile(file, 'utf8')).trim().split('\n');
  expect(csv).toHaveLength(51);
  expect(csv.slice(1).map((line) => line.split(',')[1])).toEqual(values.map((v) => String(Number(v))));

  // Data #1: one JSON field from two topics in one chart; a string value is a gap, counted.
  await mosquittoPubLines(broker, `${r}/room/a`, ['{"t":20.5}', '{"t":"n/a"}', '{"t":21}'], 1);
  await mosquittoPubLines(broker, `${r}/room/b`, ['{"t":18}', '{"t":18.5}'], 1);
  await expect(app.messageCounts).toContainText('55 received');
  await app.message(`${r}/room/a`, '21}').click();
  await expect(app.detail.getByLabel('JSON path')).toHaveValue('t');
  await app.detail.getByRole('button', { name: 'Chart this' }).click();
  await app.message(`${r}/room/b`, '18.5').click();
  await app.detail.getByRole('button', { name: 'Add to last chart' }).click();
  const both = page.getByRole('region', { name: `Chart: ${r}/room/a · t, ${r}/room/b · t` });
  await expect(both).toHaveAttribute('data-points', '4', { timeout: 15_000 });
  const stats = both.getByRole('table', { name: 'Series statistics' });
  await expect(stats.getByRole('row').filter({ hasText: `${r}/room/a` })).toContainText('1');
  await expect(page.getByRole('region', { name: /^Chart: / })).toHaveCount(2);
});
