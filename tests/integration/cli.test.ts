/**
 * Broker check #3: the `mqscope` command against a real Mosquitto. main() runs in-process
 * (as tests/unit/web-host-args.test.ts tests the web host's arguments), so its exit status
 * and output are read directly; the built bin (out/cli/index.js, `npm run build`) is spawned
 * once to prove the shebang, the bundle and the exit status of a real process.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Io } from '../../electron/cli/io';
import { main } from '../../electron/cli/main';
import {
  MOSQUITTO_MISSING,
  freePort,
  mosquittoAvailable,
  mosquittoSub,
  startMosquitto,
  type MosquittoBroker,
} from '../support/mosquitto';

const available = mosquittoAvailable();
if (!available) console.warn(MOSQUITTO_MISSING);

const BIN = resolve('out/cli/index.js');

interface Run {
  code: number;
  stdout: string[];
  stderr: string[];
}

async function cli(argv: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const io: Io = { stdout: (line) => stdout.push(line), stderr: (line) => stderr.push(line), env };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

describe.skipIf(!available)('mqscope CLI', () => {
  let broker: MosquittoBroker;
  let url: string;
  const auth = () => ['--user', broker.username, '--password-env', 'MQ_PW'];
  const env = () => ({ MQ_PW: broker.password });

  beforeAll(async () => {
    broker = await startMosquitto();
    url = `mqtt://${broker.host}:${broker.ports.mqtt}`;
  });
  afterAll(async () => {
    await broker?.stop();
  });

  it('exits 0 when every check conforms, and prints the table', async () => {
    const run = await cli(['check', url, ...auth(), '--only', 'delivery'], env());
    expect(run.code, run.stderr.join('\n')).toBe(0);
    const text = run.stdout.join('\n');
    expect(text).toMatch(/^VERDICT\s+CHECK\s+FINDING/);
    expect(text).toMatch(/conforms\s+delivery\.qos2-exactly-once/);
    expect(text).toMatch(/5 conform, 0 differ/);
  });

  // Issue 15 #2: the CLI prints the same Markdown report as the app's export (one formatter).
  it('prints the report as Markdown with --markdown', async () => {
    const run = await cli(['check', url, ...auth(), '--only', 'client-ids', '--markdown'], env());
    expect(run.code, run.stderr.join('\n')).toBe(0);
    const text = run.stdout.join('\n');
    expect(text).toMatch(/^# MQTT broker check: mqtt:\/\/127\.0\.0\.1:\d+/);
    expect(text).toContain('| conforms | `client-ids.zero-length` |');
    expect(text).toMatch(/## client-ids\.zero-length: conforms\n\n> .+\(MQTT 5 §3\.1\.3\.1/);
    const both = await cli(['check', url, '--json', '--markdown']);
    expect(both.code).toBe(2);
  });

  it('exits 1 when something differs (Mosquitto 2.0 does not enforce its Receive Maximum)', async () => {
    const run = await cli(['check', url, ...auth(), '--only', 'limits', '--json'], env());
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout.join('\n')) as { results: { id: string; verdict: string }[] };
    expect(report.results.find((r) => r.id === 'limits.receive-maximum')?.verdict).toBe('differs');
  });

  it('checks over TLS with --tls-ca, raw-packet helpers included', async () => {
    const tlsUrl = `mqtts://${broker.host}:${broker.ports.mqtts}`;
    const run = await cli(
      ['check', tlsUrl, ...auth(), '--tls-ca', broker.caFile, '--only', 'client-ids,limits', '--json'],
      env(),
    );
    const report = JSON.parse(run.stdout.join('\n')) as { results: { id: string; verdict: string }[] };
    expect(Object.fromEntries(report.results.map((r) => [r.id, r.verdict]))).toMatchObject({
      'client-ids.zero-length': 'conforms',
      // Spoken packet by packet over TLS by the raw helper.
      'limits.topic-alias-maximum': 'conforms',
    });
    const untrusted = await cli(['check', tlsUrl, ...auth(), '--only', 'client-ids'], env());
    expect(untrusted.code).toBe(2);
    expect(untrusted.stderr.join('\n')).toMatch(/certificate/i);
  });

  it('exits 2 when the broker refuses the connection or cannot be reached', async () => {
    const refused = await cli(['check', url, '--user', broker.username, '--password-env', 'MQ_PW'], {
      MQ_PW: 'wrong',
    });
    expect(refused.code).toBe(2);
    expect(refused.stderr.join('\n')).toMatch(/could not use .*refused the discover connection/);
    const closedPort = await freePort();
    const unreachable = await cli(['check', `mqtt://127.0.0.1:${closedPort}`]);
    expect(unreachable.code).toBe(2);
  });

  it('exits 2 with one line and the usage on an unknown option; 0 on --help', async () => {
    const run = await cli(['check', url, '--bogus']);
    expect(run.code).toBe(2);
    expect(run.stderr[0]).toBe("mqscope: Unknown option '--bogus'.");
    expect(run.stderr[1]).toMatch(/^Usage: mqscope check/);
    for (const command of ['check', 'pub', 'sub']) {
      const help = await cli([command, '--help']);
      expect(help.code).toBe(0);
      expect(help.stdout.join('\n')).toContain(`Usage: mqscope ${command}`);
    }
  });

  it('pub sends with the app payload formats; sub prints what arrives', async () => {
    const topic = `cli/${Date.now()}`;
    const third = await mosquittoSub(broker, { topic, count: 1 });
    const pub = await cli(
      ['pub', url, ...auth(), '-t', topic, '-m', '68 69', '--format', 'hex', '-q', '1'],
      env(),
    );
    expect(pub.code, pub.stderr.join('\n')).toBe(0);
    expect((await third.messages)[0]?.payload).toBe('hi');

    const sub = cli(['sub', url, ...auth(), '-t', topic, '-C', '1', '-W', '10', '--json'], env());
    // The retained message is the one sub gets at once, whatever the timing.
    const retained = await cli(
      ['pub', url, ...auth(), '-t', topic, '-m', '{"a":1}', '--format', 'json', '-r'],
      env(),
    );
    expect(retained.code).toBe(0);
    const got = await sub;
    expect(got.code).toBe(0);
    expect(JSON.parse(got.stdout[0] ?? '{}')).toMatchObject({ topic, payload: '{"a":1}' });
    await cli(['pub', url, ...auth(), '-t', topic, '-m', '', '-r'], env());
  });

  it('the built bin runs as a program and exits with the same statuses', async () => {
    if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run \`npm run build\` first.`);
    const spawnCli = (argv: string[]) =>
      new Promise<{ code: number; stderr: string; stdout: string }>((done) =>
        execFile(BIN, argv, { timeout: 20_000 }, (error, stdout, stderr) =>
          done({ code: typeof error?.code === 'number' ? error.code : 0, stdout, stderr }),
        ),
      );
    const help = await spawnCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: mqscope <command>/);
    const bad = await spawnCli(['check', url, '--bogus']);
    expect(bad.code).toBe(2);
    expect(bad.stderr.split('\n')[0]).toBe("mqscope: Unknown option '--bogus'.");
  });
});
