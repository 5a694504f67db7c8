/**
 * Low rate (issue 18 #7): 1,000 msg/s for 20 s into the web host (its own process, as
 * `npm run web` runs it) and the renderer in Chromium. CPU seconds of Chromium's renderer
 * process and of the host, from /proc as a task manager reads them, and the host's RSS.
 */
import { mib, publish, type BrokerAddress } from './bench-support';
import { startHostProcess } from './host-process';
import { launchChromium, openSubscribedPage, rendererHeap, waitForReceived } from './page';
import { cpuSeconds, rendererPids, rssBytes } from './proc';
import { judge } from './targets';

const RATE = 1000;
const SECONDS = 20;

export async function runLowRate(broker: BrokerAddress): Promise<void> {
  const host = await startHostProcess();
  const browser = await launchChromium();
  try {
    const page = await openSubscribedPage(browser, host.url, broker, 'low/#');
    // Chromium is this process's child (Playwright launched it); its renderers are below it.
    const renderers = () => rendererPids(process.pid);
    const rendererCpu = () => renderers().reduce((sum, pid) => sum + cpuSeconds(pid), 0);
    const renderer0 = rendererCpu();
    const host0 = cpuSeconds(host.pid);
    let peakRss = rssBytes(host.pid);
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssBytes(host.pid))), 250);
    const run = await publish(broker, { count: RATE * SECONDS, topics: 1000, prefix: 'low', rate: RATE });
    const shown = await waitForReceived(page, run.sent, 30_000);
    clearInterval(sampler);
    const rendererUsed = rendererCpu() - renderer0;
    const hostUsed = cpuSeconds(host.pid) - host0;
    const rss = rssBytes(host.pid);
    peakRss = Math.max(peakRss, rss);
    const heap = await rendererHeap(page);
    console.log(
      `Low rate            ${RATE.toLocaleString('en-US')} msg/s for ${(run.ms / 1000).toFixed(1)} s: ${shown.toLocaleString('en-US')} of ${run.sent.toLocaleString('en-US')} shown`,
    );
    console.log(
      `  renderer CPU ${rendererUsed.toFixed(1)} s (${renderers().length} renderer process); ${judge('low-rate-renderer-cpu', rendererUsed)}`,
    );
    console.log(
      `  host CPU ${hostUsed.toFixed(1)} s; host RSS ${mib(rss)} (peak ${mib(peakRss)}); ${judge('low-rate-host-rss', peakRss / 1024 / 1024)}`,
    );
    console.log(`  memory: host RSS ${mib(rss)}, renderer JS heap ${mib(heap)}`);
  } finally {
    await browser.close();
    await host.stop();
  }
}
