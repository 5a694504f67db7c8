/**
 * Issue 18 #7 (idle cost, the leftover "KeepalivePanel ticks every 250 ms once the Lab was
 * opened"): the keepalive countdown ticks only while the Lab is on screen. Counted from the
 * page's own timers: the 250 ms intervals running now, as set and cleared.
 */
import { expect, requireMosquitto, test } from './fixtures';

requireMosquitto();

/** Keeps window.__ticking: the ids of the 250 ms intervals not cleared yet. */
const INTERVAL_PROBE = `
  window.__ticking = new Set();
  const set = window.setInterval.bind(window);
  const clear = window.clearInterval.bind(window);
  window.setInterval = (callback, ms, ...rest) => {
    const id = set(callback, ms, ...rest);
    if (ms === 250) window.__ticking.add(id);
    return id;
  };
  window.clearInterval = (id) => { window.__ticking.delete(id); return clear(id); };
`;

test('the keepalive countdown ticks while the Lab is shown and stops once it is hidden (issue 18 #7)', async ({
  app,
  broker,
}) => {
  const page = app.page;
  await page.addInitScript(INTERVAL_PROBE);
  await page.reload();
  await page.locator('html[data-app-ready="true"]').waitFor();
  const ticking = () => page.evaluate('window.__ticking.size') as Promise<number>;

  await app.connectTo(broker);
  const before = await ticking();
  await app.showActivity('Lab');
  const countdown = page.getByRole('timer', { name: 'Time until the broker may drop this client' });
  await expect(countdown).toContainText(/in \d+\.\d s/);
  await expect.poll(ticking).toBe(before + 1);

  // Hidden but still mounted (its state survives): no timer left running for it.
  await app.showActivity('Connections');
  await expect(countdown).toBeHidden();
  await expect.poll(ticking).toBe(before);

  await app.showActivity('Lab');
  await expect.poll(ticking).toBe(before + 1);
  const first = await countdown.textContent();
  await expect(countdown).not.toHaveText(first ?? '');
});
