// `npm test`: build, run every suite (vitest: unit, integration, Electron glue;
// Playwright: end to end in Chromium), then print one summary line over all of them.
// A suite that crashes without a report counts as one failure, never as zero tests.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const REPORTS = 'test-results';
const VITEST_JSON = `${REPORTS}/vitest.json`;
const PLAYWRIGHT_JSON = `${REPORTS}/playwright.json`;

function run(command, args) {
  console.log(`\n$ ${command} ${args.join(' ')}`);
  return spawnSync(command, args, { stdio: 'inherit', shell: process.platform === 'win32' }).status ?? 1;
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

function vitestCounts(report) {
  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests,
    skipped: report.numPendingTests + report.numTodoTests,
  };
}

function playwrightCounts(report) {
  const s = report.stats;
  // "flaky" passed on retry: it passed, and the retry is visible in the list output.
  return { passed: s.expected + s.flaky, failed: s.unexpected, skipped: s.skipped };
}

rmSync(REPORTS, { recursive: true, force: true });
mkdirSync(REPORTS, { recursive: true });

const total = { passed: 0, failed: 0, skipped: 0 };
const add = (c) => {
  total.passed += c.passed;
  total.failed += c.failed;
  total.skipped += c.skipped;
};

if (run('npm', ['run', 'build', '--silent']) !== 0) {
  console.log('\nThe build failed: no suite ran.');
  console.log('0 passed, 1 failed');
  process.exit(1);
}

const suites = [
  {
    name: 'vitest (unit, integration, glue)',
    args: ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${VITEST_JSON}`],
    report: VITEST_JSON,
    counts: vitestCounts,
  },
  {
    name: 'playwright (end to end)',
    args: ['playwright', 'test'],
    report: PLAYWRIGHT_JSON,
    counts: playwrightCounts,
  },
];

let exitCode = 0;
for (const suite of suites) {
  const status = run('npx', suite.args);
  const report = existsSync(suite.report) ? readJson(suite.report) : null;
  if (!report) {
    console.log(`\n${suite.name}: no report (exit ${status}); counted as one failure.`);
    add({ passed: 0, failed: 1, skipped: 0 });
    exitCode = 1;
    continue;
  }
  const counts = suite.counts(report);
  // A runner that failed with every test green had an error outside the tests
  // (an unhandled rejection, a crashed worker): that is a failure too.
  if (status !== 0 && counts.failed === 0) {
    console.log(`\n${suite.name}: exited ${status} with no failed test; counted as one failure.`);
    counts.failed = 1;
  }
  add(counts);
  if (counts.failed > 0) exitCode = 1;
}

const skipped = total.skipped > 0 ? `, ${total.skipped} skipped` : '';
console.log(`\n${total.passed} passed, ${total.failed} failed${skipped}`);
process.exit(exitCode);
