import { existsSync } from 'node:fs';
import { defineConfig, type Project } from '@playwright/test';
import { installedElectron } from './scripts/electron-binary.mjs';

// Playwright cannot download its browsers here: use Debian's Chromium when present.
const SYSTEM_CHROMIUM = '/usr/bin/chromium';
const executablePath = existsSync(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : undefined;

// The same specs run in the Electron app where its binary is installed. Here (installs
// with ELECTRON_SKIP_BINARY_DOWNLOAD=1) it is not: say so once, in the runner's process.
const electronBinary = installedElectron();
// The screenshot baselines (tests/e2e/screenshots/) run in their own project, so they can
// run alone, and once: only in Chromium against the web host, where the baselines were made.
const SCREENSHOTS = /screenshots\/.*\.spec\.ts$/;
const projects: Project[] = [
  {
    name: 'chromium-web',
    testIgnore: SCREENSHOTS,
    use: { browserName: 'chromium', viewport: { width: 1280, height: 800 } },
  },
  {
    name: 'screenshots',
    testMatch: SCREENSHOTS,
    // No platform or project name in the path: CI (Linux) compares with the very files
    // committed here. They were made in Debian's Chromium with fonts-noto-cjk (.ci/run).
    snapshotPathTemplate: '{testDir}/{testFileDir}/{testFileName}-snapshots/{arg}{ext}',
    use: { browserName: 'chromium' },
  },
];
if (electronBinary) {
  process.env['MQSCOPE_ELECTRON_BINARY'] = electronBinary;
  projects.push({
    name: 'electron',
    testIgnore: SCREENSHOTS,
    use: { target: 'electron' },
    grepInvert: /@web-only/,
  });
} else if (!process.env['TEST_WORKER_INDEX']) {
  console.log(
    'Electron project skipped: no Electron binary installed (npm install with network access adds it).',
  );
}

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results/e2e',
  fullyParallel: true,
  workers: 2,
  forbidOnly: !!process.env['CI'],
  retries: process.env['CI'] ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  use: {
    trace: 'on-first-retry',
    screenshot: 'only-on-failure',
    launchOptions: {
      ...(executablePath ? { executablePath } : {}),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects,
});
