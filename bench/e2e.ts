/**
 * L3: the whole product in one run. The web host (in this process, as `npm run web` runs
 * it) and the built renderer in headless Chromium, subscribed to `#`, under a paced
 * stream; then 100 000 topics into the tree and a filter over them.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { createEngine } from '../electron/engine';
import { startWebHost } from '../electron/web/server';
import type { MosquittoBroker } from '../tests/support/mosquitto';
import { mib, perSecond, publish } from './bench-support';
import { launchChromium, openSubscribedPage, percentile, rendererHeap, waitForReceived } from './page';
import { judge } from './targets';

const RATE = 20_000;
const SECONDS = 10;
/** Long tasks and publish-to-visible latencies, recorded inside the page. */
const PROBE = `
  window.__bench = { longTasks: [], latencies: [], seen: new Set() };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__bench.longTasks.push(e.duration);
  }).observe({ type: 'longtask', buffered: true });
  const sample = () => {
    for (const row of document.querySelectorAll('.message-row')) {
      const m = /"n":(\\d+),"t":(\\d+)/.exec(row.textContent || '');
      if (m && !window.__bench.seen.has(m[1])) {
        window.__bench.seen.add(m[1]);
        window.__bench.latencies.push(Date.now() - Number(m[2]));
      }
    }
    requestAnimationFrame(sample);
  };
  requestAnimationFrame(sample);
`;

interface Probe {
  longTasks: number[];
  latencies: number[];
}

/**
 * Types a filter the way a user does (one input event) and measures, inside the page, the
 * time until the tree's filter result is on screen: worker round trip and render included.
 */
async function filterInPage(page: Page, text: string): Promise<{ ms: number; result: string }> {
  return (await page.evaluate(`(${FILTER_IN_PAGE})(${JSON.stringify(text)})`)) as {
    ms: number;
    result: string;
  };
}

/** Runs in the page (this file is type-checked without DOM types, hence a string). */
const FILTER_IN_PAGE = `async (value) => {
  const input = document.querySelector('input[type="search"]');
  const status = () => document.querySelector('[aria-label="Filter result"]');
  const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
  const started = performance.now();
  setValue.call(input, value);
  input.dispatchEvent(new Event('input', { bubbles: true }));
  // Let React commit the input first, so the previous result is off screen.
  await new Promise((r) => setTimeout(r, 0));
  return new Promise((resolve) => {
    const check = () => {
      const text = status()?.textContent ?? '';
      // "1 matching topic" or "1,234 matching topics"; given up after 10 s, never waited on forever.
      if (/^\\d[\\d,]* matching topics?$/.test(text)) resolve({ ms: performance.now() - started, result: text });
      else if (performance.now() - started > 10000) resolve({ ms: NaN, result: 'no result in 10 s: ' + text });
      else requestAnimationFrame(check);
    };
    check();
  });
}`;

export async function runEndToEnd(broker: MosquittoBroker): Promise<number | null> {
  const staticDir = fileURLToPath(new URL('../renderer/', import.meta.url));
  if (!existsSync(`${staticDir}index.html`)) {
    console.log('L3 end to end       not run: the renderer is not built (npm run build)');
    return null;
  }
  const engine = createEngine({ host: 'web', version: 'bench' });
  const host = await startWebHost({ engine, staticDir, port: 0 });
  const browser = await launchChromium();
  try {
    const page = await openSubscribedPage(browser, host.url, broker, '#', PROBE);

    // Page load and connecting are not part of the stream: count long tasks from here.
    await page.evaluate('window.__bench.longTasks.length = 0');
    const run = await publish(broker, { count: RATE * SECONDS, topics: 10_000, prefix: 'l3', rate: RATE });
    const started = Date.now() - run.ms;
    const received = await waitForReceived(page, run.sent, 30_000);
    const shownAt = Date.now();
    const probe = (await page.evaluate(
      '({ longTasks: window.__bench.longTasks, latencies: window.__bench.latencies })',
    )) as Probe;
    const heap = await rendererHeap(page);
    const rate = received / ((shownAt - started) / 1000);
    const longest = probe.longTasks.length > 0 ? Math.max(...probe.longTasks) : 0;
    console.log(
      `L3 end to end       ${perSecond(rate)} shown; publisher reached ${perSecond(run.sent / (run.ms / 1000))} for ${(run.ms / 1000).toFixed(1)} s`,
    );
    console.log(
      `  displayed total ${received.toLocaleString('en-US')} of ${run.sent.toLocaleString('en-US')} published (${received === run.sent ? 'equal' : 'NOT EQUAL'})`,
    );
    console.log(
      `  long tasks: ${probe.longTasks.filter((d) => d > 100).length} over 100 ms, ${probe.longTasks.length} over 50 ms, longest ${longest.toFixed(0)} ms`,
    );
    const p99 = percentile(probe.latencies, 99);
    console.log(
      `  publish to visible row: p50 ${percentile(probe.latencies, 50)} ms, p99 ${p99} ms (${probe.latencies.length.toLocaleString('en-US')} rows sampled as drawn); ${judge('l3-paced-p99', p99)}`,
    );
    const memory = process.memoryUsage();
    console.log(
      `  memory: host (bench process) RSS ${mib(memory.rss)}, heap ${mib(memory.heapUsed)}; renderer JS heap ${mib(heap)}`,
    );

    // 100 000 topics into the tree, then a filter over them.
    await page.getByRole('button', { name: 'Clear', exact: true }).click();
    await page
      .getByRole('status', { name: 'Message counts' })
      .getByText(/^0 received/)
      .waitFor();
    const topicsStart = Date.now();
    await publish(broker, { count: 100_000, topics: 100_000, prefix: 'l3t/site' });
    const published = Date.now() - topicsStart;
    // Usable: the tree holds every topic (100,000 leaves under "l3t/site") and shows the total.
    await page
      .locator('[role="tree"][data-node-count="100002"]')
      .getByRole('treeitem')
      .filter({ hasText: '100,000' })
      .first()
      .waitFor({ timeout: 60_000 })
      .catch(async (error: unknown) => {
        // Say what the tree showed instead, so a miss is a finding, not a bare timeout.
        const tree = page.locator('[role="tree"]').first();
        const count = await tree.getAttribute('data-node-count').catch(() => null);
        const first = await tree
          .getByRole('treeitem')
          .first()
          .textContent()
          .catch(() => null);
        console.log(`  tree after 60 s: node count ${count ?? '?'}, first row "${first ?? '?'}"`);
        throw error;
      });
    const usable = Date.now() - topicsStart;
    await page.getByRole('tree', { name: 'Topics' }).getByRole('treeitem').first().click();
    const first = await filterInPage(page, '/9999');
    const second = await filterInPage(page, 'site/12');
    const heap2 = await rendererHeap(page);
    const memory2 = process.memoryUsage();
    console.log(
      `Topics in the UI    100,000 topics: tree shows them all ${usable} ms after publishing began, ` +
        `${usable - published} ms after the last publish; ${judge('tree-100k', usable - published)}`,
    );
    console.log(
      `  filter "/9999" shown ${first.ms.toFixed(0)} ms after typing (${first.result}), "site/12" ${second.ms.toFixed(0)} ms (${second.result}); ` +
        judge('filter-100k', Math.max(first.ms, second.ms)),
    );
    console.log(
      `  memory: host (bench process) RSS ${mib(memory2.rss)}, heap ${mib(memory2.heapUsed)}; renderer JS heap ${mib(heap2)}`,
    );
    return rate;
  } finally {
    await browser.close();
    await host.close();
    await engine.dispose();
  }
}
