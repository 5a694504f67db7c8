/**
 * Issue 14, the screenshot tests: the main screen, connected to a real Mosquitto with a
 * fixed set of retained messages, compared with committed baselines at three window sizes,
 * in English and Chinese, light and dark (12 baselines in `main-screen.spec.ts-snapshots/`).
 *
 * Stable by construction: the messages are the same retained set every run, the client ID is
 * fixed, the test waits until all messages are shown and measured, and whatever changes from
 * run to run is masked (times, rates, the broker's random port, the temporary data folder).
 * Animations, the caret and scrollbars are off. A cut-off label or an untranslated string
 * changes far more pixels than allowed (MAX_DIFF_PIXELS).
 *
 * Run alone: `npx playwright test --project=screenshots`. Regenerate after a deliberate UI
 * change: `npm run build --silent && npx playwright test --project=screenshots --update-snapshots`
 * (see the README), then look at every changed image before committing it.
 */
import type { Locator, Page } from '@playwright/test';
import { mosquittoPub, type MosquittoBroker } from '../../support/mosquitto';
import { expect, requireMosquitto, test } from '../fixtures';

requireMosquitto();

/** The fixed retained set: topics and payloads chosen to fill the tree, list and detail. */
const RETAINED: readonly { topic: string; message: string }[] = [
  { topic: 'shot/plant/line1/temperature', message: '{"celsius":21.5,"ok":true}' },
  { topic: 'shot/plant/line1/pressure', message: '{"kPa":101.3}' },
  { topic: 'shot/plant/line2/state', message: 'running' },
  { topic: 'shot/plant/line2/counter', message: '42' },
  { topic: 'shot/devices/gateway-7/status', message: '{"online":true,"rssi":-61}' },
  { topic: 'shot/devices/gateway-7/firmware', message: '2.4.1' },
];

const SIZES = [
  { width: 1024, height: 768 },
  { width: 1440, height: 900 },
  { width: 1920, height: 1080 },
] as const;
const LANGUAGES = ['en', 'zh-CN'] as const;
/**
 * Pixels allowed to differ, whatever the window size: runs here differ by none (Playwright's
 * per-pixel colour threshold absorbs anti-aliasing), while one short label left in English
 * ("Pause" for 暂停) changes about 200. As a ratio of the window, so each size is as strict.
 */
const MAX_DIFF_PIXELS = 40;
const SCHEMES = ['light', 'dark'] as const;

/** The Connections activity's tab, by its name in each language. */
const CONNECTIONS = { en: 'Connections', 'zh-CN': '连接' } as const;

/** Freezes what moves: no animation, transition or caret, and no scrollbars. */
const FREEZE_CSS = `
  *, *::before, *::after { animation: none !important; transition: none !important; caret-color: transparent !important; }
  * { scrollbar-width: none !important; }
  *::-webkit-scrollbar { display: none !important; }
`;

async function setRetained(broker: MosquittoBroker): Promise<void> {
  // One after the other: the broker hands a wildcard subscription its retained messages in
  // the order it stored them, so the list's order is the same every run.
  for (const { topic, message } of RETAINED) {
    await mosquittoPub(broker, { topic, message, retain: true, qos: 1 });
  }
}

/**
 * Regions whose content changes from run to run: times, rates, the broker's random port
 * (in the form, the connections list and the status), the host's temporary data folder.
 */
function volatile(page: Page): Locator[] {
  return [
    page.locator('.message-time, .topic-rate, .status-head .muted'),
    page.getByLabel(/^(Port|端口)$/),
    page.getByText(/127\.0\.0\.1:\d+/),
    page.getByText(/mqscope-e2e-data-/),
  ];
}

for (const size of SIZES) {
  for (const language of LANGUAGES) {
    for (const scheme of SCHEMES) {
      const name = `main-${size.width}x${size.height}-${language}-${scheme}`;
      test.describe(name, () => {
        test.use({ viewport: size, colorScheme: scheme });

        test(`the main screen, connected, matches its baseline: ${name}`, async ({ app, broker }) => {
          // Issue 14 (screenshot tests)
          const page = app.page;
          await setRetained(broker);
          await app.connectTo(broker, { clientId: 'mqscope-screenshot' });
          await app.subscribe('shot/#');
          await expect(app.messages.getByRole('row').filter({ hasText: 'shot/' })).toHaveCount(
            RETAINED.length,
          );
          // The connection's share of the message memory is measured every 2 s: wait for the
          // measure that holds all of them (the retained set takes 799 bytes in the log).
          await expect(page.locator('.connection-share')).toHaveText(/^799\sB$/, { timeout: 15_000 });
          if (language !== 'en') {
            await app.showActivity('Settings');
            await page.getByLabel('Language', { exact: true }).selectOption(language);
            await expect(page.locator('html')).toHaveAttribute('lang', language);
            await app.showActivity(CONNECTIONS[language]);
          }
          await page.addStyleTag({ content: FREEZE_CSS });
          await page.mouse.move(0, 0);
          await expect(page).toHaveScreenshot(`${name}.png`, {
            mask: volatile(page),
            animations: 'disabled',
            caret: 'hide',
            maxDiffPixelRatio: MAX_DIFF_PIXELS / (size.width * size.height),
          });
        });
      });
    }
  }
}
