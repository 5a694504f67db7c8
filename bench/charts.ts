/**
 * Chart levels (issue 11, Performance), the web host and the built renderer in headless
 * Chromium, as bench/e2e.ts runs them:
 *
 *   C1  one series of 100,000 kept points: from the click on "Chart this" to the chart painted
 *       with all of them (the real `messages.series` request and uPlot's drawing): < 300 ms.
 *   C2  one chart of 10 series (10 topics) fed by a 20,000 msg/s stream for 10 s: no long task
 *       over 50 ms in the page, and the chart's points equal the messages published.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { createEngine } from '../electron/engine';
import { startWebHost } from '../electron/web/server';
import type { MosquittoBroker } from '../tests/support/mosquitto';
import { publish } from './bench-support';
import { launchChromium, openSubscribedPage, waitForReceived } from './page';
import { judge } from './targets';

const POINTS = 100_000;
const RATE = 20_000;
const SECONDS = 10;
const SERIES = 10;

const LONG_TASKS = `
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push(e.duration);
  }).observe({ type: 'longtask', buffered: true });
`;

/**
 * Runs in the page (this file is type-checked without DOM types, hence a string): clicks the
 * detail pane's button, then waits, frame by frame, for the chart named `name` to hold
 * `points` points, and for the frame after it to be painted.
 */
const CLICK_UNTIL_DRAWN = `async ([button, name, points]) => {
  const detail = document.querySelector('[aria-label="Message detail"]');
  const target = [...detail.querySelectorAll('button')].find((b) => b.textContent.trim() === button);
  if (!target) return { ms: NaN, shown: 'no "' + button + '" button' };
  const started = performance.now();
  target.click();
  const chart = () => document.querySelector('section.chart-card[aria-label="' + name + '"]');
  return new Promise((resolve) => {
    const check = () => {
      const shown = Number(chart()?.getAttribute('data-points') ?? -1);
      if (shown >= points)
        // The frame that drew it: painted once the next frame's callbacks run.
        requestAnimationFrame(() => setTimeout(() => resolve({ ms: performance.now() - started, shown }), 0));
      else if (performance.now() - started > 30000) resolve({ ms: NaN, shown });
      else requestAnimationFrame(check);
    };
    check();
  });
}`;

async function clickUntilDrawn(page: Page, button: string, chart: string, points: number) {
  return (await page.evaluate(`(${CLICK_UNTIL_DRAWN})(${JSON.stringify([button, chart, points])})`)) as {
    ms: number;
    shown: number;
  };
}

async function chartPoints(page: Page, chart: string): Promise<number> {
  const value = await page.locator(`section.chart-card[aria-label="${chart}"]`).getAttribute('data-points');
  return Number(value ?? -1);
}

/** Selects the newest row of `topic` in the message list, so the detail pane shows it. */
async function selectRow(page: Page, topic: string): Promise<void> {
  const row = page
    .getByLabel('Messages', { exact: true })
    .getByRole('row')
    .filter({ hasText: new RegExp(`${topic.replace(/[/.]/g, '\\$&')}\\b`) })
    .first();
  await row.click();
  await page
    .getByRole('region', { name: 'Message detail' })
    .getByText(topic, { exact: true })
    .first()
    .waitFor();
}

export async function runCharts(broker: MosquittoBroker): Promise<void> {
  const staticDir = fileURLToPath(new URL('../renderer/', import.meta.url));
  if (!existsSync(`${staticDir}index.html`)) {
    console.log('C1/C2 charts         not run: the renderer is not built (npm run build)');
    return;
  }
  const engine = createEngine({ host: 'web', version: 'bench' });
  const host = await startWebHost({ engine, staticDir, port: 0 });
  const browser = await launchChromium();
  try {
    // C1: 100,000 kept messages on one topic (100-byte JSON), then its "n" field charted.
    const page = await openSubscribedPage(browser, host.url, broker, 'c1/#', LONG_TASKS);
    // Paced, so Mosquitto drops none (QoS 0) and every one is kept.
    const run = await publish(broker, { count: POINTS, topics: 1, prefix: 'c1', rate: RATE });
    const received = await waitForReceived(page, run.sent, 30_000);
    await selectRow(page, 'c1/0');
    // BENCH_PROFILE=<file>: C1's profile goes to <file>.c1 (where the click's time goes).
    const profileFile = process.env['BENCH_PROFILE'];
    const c1cdp = profileFile ? await page.context().newCDPSession(page) : null;
    await c1cdp?.send('Profiler.enable');
    await c1cdp?.send('Profiler.start');
    const one = await clickUntilDrawn(page, 'Chart this', 'Chart: c1/0 · n', received);
    if (c1cdp && profileFile)
      writeFileSync(`${profileFile}.c1`, JSON.stringify((await c1cdp.send('Profiler.stop')).profile));
    console.log(
      `C1 chart 100k points painted ${one.ms.toFixed(0)} ms after "Chart this" ` +
        `(${one.shown.toLocaleString('en-US')} points of ${received.toLocaleString('en-US')} kept); ${judge('chart-open-100k', one.ms)}`,
    );
    await page.close();

    // C2: one chart of 10 series, one per topic, then 20,000 msg/s over those topics for 10 s.
    const live = await openSubscribedPage(browser, host.url, broker, 'c2/#', LONG_TASKS);
    const seed = await publish(broker, { count: SERIES, topics: SERIES, prefix: 'c2' });
    await waitForReceived(live, seed.sent, 30_000);
    const labels = Array.from({ length: SERIES }, (_, i) => `c2/${i} · n`);
    const name = `Chart: ${labels.join(', ')}`;
    for (let i = 0; i < SERIES; i++) {
      await selectRow(live, `c2/${i}`);
      const button = i === 0 ? 'Chart this' : 'Add to last chart';
      await live
        .getByRole('region', { name: 'Message detail' })
        .getByRole('button', { name: button })
        .click();
    }
    await live.locator(`section.chart-card[aria-label="${name}"][data-points="${SERIES}"]`).waitFor();
    await live.evaluate('window.__longTasks.length = 0');
    // BENCH_PROFILE: the page's CPU profile over the stream, to see where long tasks go.
    const cdp = profileFile ? await live.context().newCDPSession(live) : null;
    await cdp?.send('Profiler.enable');
    await cdp?.send('Profiler.start');
    const stream = await publish(broker, { count: RATE * SECONDS, topics: SERIES, prefix: 'c2', rate: RATE });
    const total = seed.sent + stream.sent;
    const shown = await waitForReceived(live, total, 30_000);
    // The chart polls each second: give it until its points catch up (or 15 s).
    const until = Date.now() + 15_000;
    let points = await chartPoints(live, name);
    while (points < total && Date.now() < until) {
      await live.waitForTimeout(200);
      points = await chartPoints(live, name);
    }
    if (cdp && profileFile)
      writeFileSync(profileFile, JSON.stringify((await cdp.send('Profiler.stop')).profile));
    const longTasks = (await live.evaluate('window.__longTasks')) as number[];
    const longest = longTasks.length > 0 ? Math.max(...longTasks) : 0;
    console.log(
      `C2 chart 10 series at ${(stream.sent / (stream.ms / 1000)).toLocaleString('en-US', { maximumFractionDigits: 0 })} msg/s for ${(stream.ms / 1000).toFixed(1)} s: ` +
        `${longTasks.length} long tasks, longest ${longest.toFixed(0)} ms; chart points ${points.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} published ` +
        `(${points === total ? 'equal' : 'NOT EQUAL'}; list shows ${shown.toLocaleString('en-US')}); ${judge('chart-10-longest-task', longest)}`,
    );
  } finally {
    await browser.close();
    await host.close();
    await engine.dispose();
  }
}
