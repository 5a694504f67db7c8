/**
 * `npm run bench:band`: runs the built bench BENCH_RUNS times (5 by default), one after the
 * other, prints each goal's min, max, median and band, and writes bench/bands.json. Meant for a
 * quiet machine: on a loaded one the bands come out wide, and the file says the load.
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { formatSummary, parseGoals, summarise, updateBands, type BandsFile } from './band';

const BANDS_FILE = fileURLToPath(new URL('../../bench/bands.json', import.meta.url));
const STREAM = fileURLToPath(new URL('./stream.js', import.meta.url));

/** One bench run; its output is echoed as it comes and returned whole. A failing run still counts. */
function runOnce(index: number, total: number): Promise<string> {
  console.log(`\n=== bench run ${index} of ${total} ===`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', STREAM], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      output += chunk;
      process.stdout.write(chunk);
    });
    child.on('error', reject);
    child.on('close', () => resolve(output));
  });
}

async function main(): Promise<void> {
  const total = Number(process.env['BENCH_RUNS'] ?? 5);
  if (!Number.isInteger(total) || total < 2)
    throw new Error('BENCH_RUNS must be a whole number of at least 2.');
  const loadStart = loadavg().map((n) => Number(n.toFixed(2)));
  const runs: Map<string, number>[] = [];
  let failedRuns = 0;
  for (let i = 1; i <= total; i++) {
    const goals = parseGoals(await runOnce(i, total));
    if (goals) runs.push(goals);
    else failedRuns++;
  }
  const loadEnd = loadavg().map((n) => Number(n.toFixed(2)));
  if (runs.length < 2) throw new Error(`Only ${runs.length} of ${total} runs printed their goals: no band.`);
  const summary = summarise(runs);
  console.log(
    `\nBands over ${runs.length} runs (load average ${loadStart.join(' ')} -> ${loadEnd.join(' ')}):`,
  );
  console.log(formatSummary(summary));
  const file = JSON.parse(readFileSync(BANDS_FILE, 'utf8')) as BandsFile;
  const next = updateBands(file, summary, {
    date: new Date().toISOString(),
    machine: { nproc: cpus().length, cpu: cpus()[0]?.model ?? 'unknown' },
    loadAverage: { start: loadStart, end: loadEnd },
    runs: runs.length,
    failedRuns,
    series: Object.fromEntries(summary.map((g) => [g.id, g.values])),
  });
  // Arrays of figures on one line, as Prettier prints them (`npm run lint` checks this file).
  const json = JSON.stringify(next, null, 2).replace(
    /\[\s+([^[\]{}]*?)\s+\]/g,
    (_all, inner: string) => `[${inner.split(/,\s+/).join(', ')}]`,
  );
  writeFileSync(BANDS_FILE, `${json}\n`);
  console.log(`\nWrote ${BANDS_FILE}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
