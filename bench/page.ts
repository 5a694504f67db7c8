/** The renderer in headless Chromium, as the end-to-end levels drive it. */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from '@playwright/test';
import type { BrokerAddress } from './bench-support';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function launchChromium(): Promise<Browser> {
  const executablePath = existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS });
}

/** Opens the page at `url`, connects to the broker and subscribes to `filter`. */
export async function openSubscribedPage(
  browser: Browser,
  url: string,
  broker: BrokerAddress,
  filter: string,
  initScript?: string,
): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  if (initScript) await page.addInitScript(initScript);
  await page.goto(url);
  await page.locator('html[data-app-ready="true"]').waitFor();
  await page.getByLabel('Host', { exact: true }).fill(broker.host);
  await page.getByLabel('Port', { exact: true }).fill(String(broker.ports.mqtt));
  await page.getByLabel('Username', { exact: true }).fill(broker.username);
  await page.getByLabel('Password', { exact: true }).fill(broker.password);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await page
    .getByRole('status', { name: 'Connection status' })
    .getByText('Connected', { exact: true })
    .waitFor();
  await page.getByLabel('Topic filter').fill(filter);
  await page.getByRole('button', { name: 'Subscribe', exact: true }).click();
  await page.getByRole('list', { name: 'Subscriptions' }).getByText(filter, { exact: true }).waitFor();
  return page;
}

export async function receivedInPage(page: Page): Promise<number> {
  const text = (await page.getByRole('status', { name: 'Message counts' }).textContent()) ?? '';
  return Number(/([\d,]+) received/.exec(text)?.[1]?.replace(/,/g, '') ?? 0);
}

export async function waitForReceived(page: Page, count: number, timeoutMs: number): Promise<number> {
  const until = Date.now() + timeoutMs;
  let received = await receivedInPage(page);
  while (received < count && Date.now() < until) {
    await page.waitForTimeout(50);
    received = await receivedInPage(page);
  }
  return received;
}

/** The page's JS heap after a collection, via the DevTools protocol. */
export async function rendererHeap(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  await cdp.detach();
  return heap.usedSize;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}
