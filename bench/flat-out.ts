/**
 * L3 flat out (issue 18 #2): the publisher as fast as the broker takes it for 10 s, into the
 * web host (its own process) and the renderer in Chromium, subscribed to the stream. While
 * it runs, a user clicks the tree and the list twice a second; each click's answer is its
 * Event Timing duration (input to the next paint).
 */
import type { Page } from '@playwright/test';
import { mib, perSecond, publish, type BrokerAddress } from './bench-support';
import { startHostProcess } from './host-process';
import { launchChromium, openSubscribedPage, percentile, receivedInPage, rendererHeap } from './page';
import { rssBytes } from './proc';
import { judge } from './targets';

const SECONDS = 10;
const CLICK_EVERY_MS = 500;
/** Event Timing reports nothing shorter than this: a click without an entry took less. */
const EVENT_TIMING_FLOOR_MS = 16;

const PROBE = `
  window.__flat = { longTasks: [], clicks: [] };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__flat.longTasks.push(e.duration);
  }).observe({ type: 'longtask', buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.name === 'click') window.__flat.clicks.push(e.duration);
  }).observe({ type: 'event', durationThreshold: ${EVENT_TIMING_FLOOR_MS}, buffered: true });
`;

/** Waits until the page shows `count` received, or the count has stood still for `quietMs`. */
async function waitForSettled(
  page: Page,
  count: number,
  quietMs: number,
): Promise<{ shown: number; at: number }> {
  let shown = await receivedInPage(page);
  let changedAt = Date.now();
  while (shown < count && Date.now() - changedAt < quietMs) {
    await page.waitForTimeout(50);
    const next = await receivedInPage(page);
    if (next !== shown) {
      shown = next;
      changedAt = Date.now();
    }
  }
  return { shown, at: changedAt };
}

export async function runFlatOut(broker: BrokerAddress, l1: number): Promise<void> {
  const host = await startHostProcess();
  const browser = await launchChromium();
  try {
    const page = await openSubscribedPage(browser, host.url, broker, 'flat/#', PROBE);
    await page.evaluate('window.__flat.longTasks.length = 0');
    let peakRss = rssBytes(host.pid);
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssBytes(host.pid))), 250);
    const started = Date.now();
    const running = publish(broker, { count: 100_000_000, topics: 10_000, prefix: 'flat', seconds: SECONDS });
    let publishing = true;
    void running.finally(() => (publishing = false));
    const roundTrips: number[] = [];
    let clicks = 0;
    const targets = [
      page.getByRole('tree', { name: 'Topics' }).getByRole('treeitem').first(),
      page.locator('.message-row').first(),
    ];
    while (publishing) {
      const target = targets[clicks % targets.length];
      const box = target ? await target.boundingBox().catch(() => null) : null;
      if (box) {
        const t0 = Date.now();
        await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
        roundTrips.push(Date.now() - t0);
        clicks++;
      }
      await page.waitForTimeout(CLICK_EVERY_MS);
    }
    const run = await running;
    const settled = await waitForSettled(page, run.sent, 3000);
    clearInterval(sampler);
    const probe = (await page.evaluate('window.__flat')) as { longTasks: number[]; clicks: number[] };
    const answers = [
      ...probe.clicks,
      ...Array.from({ length: Math.max(0, clicks - probe.clicks.length) }, () => EVENT_TIMING_FLOOR_MS),
    ];
    const rate = settled.shown / ((settled.at - started) / 1000);
    const longest = probe.longTasks.length > 0 ? Math.max(...probe.longTasks) : 0;
    const heap = await rendererHeap(page);
    const clickP50 = percentile(answers, 50);
    console.log(
      `L3 flat out         ${perSecond(rate)} shown; publisher ${perSecond(run.sent / (run.ms / 1000))} for ${(run.ms / 1000).toFixed(1)} s`,
    );
    console.log(`  ratio L3-flat/L1 = ${(rate / l1).toFixed(2)}; ${judge('l3-flat-ratio', rate / l1)}`);
    console.log(
      `  displayed total ${settled.shown.toLocaleString('en-US')} of ${run.sent.toLocaleString('en-US')} published ` +
        `(${settled.shown === run.sent ? 'equal' : `NOT EQUAL: ${(run.sent - settled.shown).toLocaleString('en-US')} not received (QoS 0, dropped by the broker or in flight)`})`,
    );
    console.log(
      `  long tasks: ${probe.longTasks.filter((d) => d > 100).length} over 100 ms, ${probe.longTasks.length} over 50 ms, longest ${longest.toFixed(0)} ms; ${judge('l3-flat-longest-task', longest)}`,
    );
    console.log(
      `  clicks while it ran: ${clicks}; answered (input to next paint) p50 ${clickP50} ms, max ${Math.max(0, ...answers)} ms; ` +
        `driver round trip p50 ${percentile(roundTrips, 50)} ms; ${judge('l3-flat-click-p50', clickP50)}`,
    );
    console.log(
      `  memory: host RSS ${mib(rssBytes(host.pid))} (peak ${mib(peakRss)}), renderer JS heap ${mib(heap)}`,
    );
  } finally {
    await browser.close();
    await host.stop();
  }
}
