/**
 * Record (issue 16 item 1): a recording process killed with SIGKILL in the middle of a stream
 * leaves a file that reads, and replays, up to its last whole line; `mqscope replay` sends
 * exactly those messages, as mosquitto_sub on the other side counts.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Io } from '../../electron/cli/io';
import { main } from '../../electron/cli/main';
import { readRecording } from '../../electron/engine/record/lines';
import { buildCli } from '../support/cli-process';
import { startFlood } from '../support/mosquitto-burst';
import { formatSub } from '../support/mosquitto-format-sub';
import { mosquittoAvailable, startMosquitto, type MosquittoBroker } from '../support/mosquitto';

const available = mosquittoAvailable();

describe.skipIf(!available)('a recording cut by kill -9', () => {
  let broker: MosquittoBroker;
  let cli: string;

  beforeAll(async () => {
    [broker, cli] = await Promise.all([startMosquitto(), buildCli()]);
  }, 120_000);
  afterAll(async () => {
    await broker?.stop();
  });

  it('replays up to its last whole line, through mqscope replay (Record #1, kill -9)', async () => {
    const url = `mqtt://${broker.host}:${broker.ports.mqtt}`;
    const auth = ['--user', broker.username, '--password-env', 'MQ_PW'];
    const file = join(mkdtempSync(join(tmpdir(), 'mqscope-crash-')), 'cut.jsonl');
    const child = spawn(process.execPath, [cli, 'record', url, ...auth, '-o', file, '-t', 'crash/#'], {
      env: { ...process.env, MQ_PW: broker.password },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    const exited = new Promise((done) => child.once('exit', done));
    await vi.waitFor(() => expect(stderr).toMatch(/Recording crash\/# to/), {
      timeout: 20_000,
      interval: 25,
    });

    const flood = startFlood(broker, ['crash/a', 'crash/b']);
    // Killed while the stream runs and the file grows.
    await vi.waitFor(() => expect(statSync(file).size).toBeGreaterThan(300_000), {
      timeout: 30_000,
      interval: 10,
    });
    child.kill('SIGKILL');
    await exited;
    await flood.stop();

    const text = readFileSync(file, 'utf8');
    // Lines ended by a newline (the header among them); what follows the last one was cut.
    const whole = text.split('\n').length - 1;
    let read = 0;
    const summary = await readRecording(file, (line) => {
      if (line.kind === 'message') read++;
    });
    // Every whole line reads; at most the last one, cut by the kill, does not.
    expect(summary.header?.filter).toBe('crash/#');
    expect(read).toBe(whole - 1);
    expect(summary.unreadable).toBe(text.endsWith('\n') ? 0 : 1);
    expect(read).toBeGreaterThan(1000);

    const sub = await formatSub(broker, 'again/#');
    const out: string[] = [];
    const io: Io = { stdout: (l) => out.push(l), stderr: () => undefined, env: { MQ_PW: broker.password } };
    const code = await main(
      ['replay', file, url, ...auth, '--max', '--rewrite', '^crash/', '--to', 'again/'],
      io,
    );
    expect(code, out.join('\n')).toBe(0);
    expect(out.join('\n')).toMatch(new RegExp(`\\(${read} sent, 0 failed, 0 skipped\\)`));
    const lines = await sub.until(read, 60_000);
    sub.stop();
    expect(lines.every((l) => l.startsWith('again/'))).toBe(true);
  }, 180_000);
});
