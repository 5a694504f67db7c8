/**
 * Issue 18 #7 (idle cost): with nothing arriving, the window does no work. Counted over a
 * 3 s idle window after a message was shown and its highlight settled: requests the page
 * sends (the stream's long poll answers once a second, so at most 3 polls plus one
 * in-flight) and animation frames asked for (none).
 */
import { randomBytes } from 'node:crypto';
import { decode } from '@msgpack/msgpack';
import type { WireRequest } from '../../electron/contract/web-wire';
import { mosquittoPub } from '../support/mosquitto';
import { expect, requireMosquitto, test } from './fixtures';

requireMosquitto();

const IDLE_WINDOW_MS = 3000;

/** Counts requestAnimationFrame calls from the page's start. */
const RAF_PROBE = `
  window.__rafCalls = 0;
  const raf = window.requestAnimationFrame.bind(window);
  window.requestAnimationFrame = (callback) => { window.__rafCalls++; return raf(callback); };
`;

test('an idle window polls at most once a second and asks for no animation frames (issue 18 #7)', async ({
  app,
  broker,
}) => {
  test.setTimeout(60_000);
  const page = app.page;
  await page.addInitScript(RAF_PROBE);
  const requests: { at: number; name: string }[] = [];
  page.on('websocket', (socket) => {
    socket.on('framesent', ({ payload }) => {
      if (typeof payload === 'string') return;
      const frame = decode(payload) as WireRequest;
      requests.push({ at: Date.now(), name: frame.name });
    });
  });
  await page.reload();
  await page.locator('html[data-app-ready="true"]').waitFor();

  const root = `idle-${randomBytes(4).toString('hex')}`;
  await app.connectAndSubscribe(broker, `${root}/#`);
  await mosquittoPub(broker, { topic: `${root}/t`, message: 'one' });
  await expect(app.topic(root)).toContainText('1');

  // The tree's rate column decays for its 10 s window after the last message; then all is still.
  // Wait for that condition: no animation frame asked for during one whole second.
  const rafCalls = () => page.evaluate('window.__rafCalls') as Promise<number>;
  await expect
    .poll(
      async () => {
        const before = await rafCalls();
        await page.waitForTimeout(1000);
        return (await rafCalls()) - before;
      },
      { timeout: 30_000, intervals: [0] },
    )
    .toBe(0);

  const rafBefore = await rafCalls();
  const from = Date.now();
  await page.waitForTimeout(IDLE_WINDOW_MS);
  const to = Date.now();
  const rafAfter = await rafCalls();
  const inWindow = requests.filter((r) => r.at >= from && r.at <= to);
  const polls = inWindow.filter((r) => r.name === 'stream.poll').length;

  expect(rafAfter - rafBefore, 'animation frames asked for while idle').toBe(0);
  expect(polls, 'stream polls in 3 s idle').toBeLessThanOrEqual(3 + 1);
  // Anything else is slower than the poll (a memory gauge every 2 s at most).
  expect(
    inWindow.length,
    `requests in 3 s idle: ${inWindow.map((r) => r.name).join(', ')}`,
  ).toBeLessThanOrEqual(3 + 1 + 2);
});
