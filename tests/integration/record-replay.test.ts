/**
 * Record and replay (issue 16 item 1 and 2) against two real Mosquittos: record 10,000
 * messages from broker A, replay them into broker B, and let mosquitto_sub on each broker say
 * what it saw. Its lines must match byte for byte, in order.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt, { type IClientPublishOptions, type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { EngineEvent, ReplayProgress } from '../../electron/contract';
import { createEngine, type Engine } from '../../electron/engine';
import { readRecording } from '../../electron/engine/record/lines';
import { createDispatch, type Dispatch } from '../../electron/host/dispatch';
import { seededRandom } from '../support/fuzz-inputs';
import { formatSub } from '../support/mosquitto-format-sub';
import { mosquittoAvailable, startMosquitto, type MosquittoBroker } from '../support/mosquitto';
import { englishOf } from '../support/english';
import { dispatchCall } from '../support/dispatch-call';

const available = mosquittoAvailable();
const WAIT = { timeout: 30_000, interval: 25 };
const TOTAL = 10_000;

function hasJq(): boolean {
  try {
    execFileSync('jq', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe.skipIf(!available)('record and replay against real Mosquittos', () => {
  let a: MosquittoBroker;
  let b: MosquittoBroker;
  let engine: Engine;
  let dispatch: Dispatch;
  let publisher: MqttClient;
  const replays: ReplayProgress[] = [];

  beforeAll(async () => {
    [a, b] = await Promise.all([startMosquitto(), startMosquitto()]);
    engine = createEngine(
      { host: 'web', version: 'test' },
      { dataDir: mkdtempSync(join(tmpdir(), 'mqscope-record-')) },
    );
    dispatch = createDispatch(engine.handlers);
    engine.onEvent((event: EngineEvent) => {
      if (event.name === 'replay.progress') replays.push(event.payload);
    });
    publisher = await mqtt.connectAsync(`mqtt://${a.host}:${a.ports.mqtt}`, {
      username: a.username,
      password: a.password,
      protocolVersion: 5,
    });
  }, 60_000);

  afterAll(async () => {
    await publisher?.endAsync();
    await engine?.dispose();
    await Promise.all([a?.stop(), b?.stop()]);
  });

  const call = dispatchCall(() => dispatch);

  async function connect(broker: MosquittoBroker): Promise<string> {
    const status = await call('connection.open', {
      transport: 'mqtt',
      host: broker.host,
      port: broker.ports.mqtt,
      username: broker.username,
      password: broker.password,
    });
    expect(status.state).toBe('connected');
    return status.connectionId;
  }

  const written = async (recordingId: string) =>
    (await call('record.active', {})).find((r) => r.recordingId === recordingId)?.written ?? -1;
  const ended = (replayId: string) =>
    replays.find((p) => p.replayId === replayId && p.state !== 'running' && p.state !== 'paused');

  /** Message i of the mix: QoS 0 and 1, retained, MQTT 5 properties, binary payloads. */
  function message(
    i: number,
    random: () => number,
  ): { topic: string; payload: Buffer; opts: IClientPublishOptions } {
    const payload = Buffer.from(
      Array.from({ length: Math.floor(random() * 48) }, () => Math.floor(random() * 256)),
    );
    const opts: IClientPublishOptions = { qos: i % 3 === 0 ? 1 : 0, retain: i % 250 === 0 };
    if (i % 7 === 0) {
      opts.properties = {
        contentType: 'application/x-test',
        responseTopic: `reply/${i}`,
        correlationData: Buffer.from(`corr-${i}`),
        payloadFormatIndicator: false,
        userProperties: { k: `v${i}`, second: ['x', 'y'] },
      };
    }
    return { topic: opts.retain ? `rec/retained/${i}` : `rec/live/${i % 13}`, payload, opts };
  }

  it('10,000 messages recorded from A and replayed into B: mosquitto_sub sees the same bytes, properties and order (Record #1, #2)', async () => {
    const source = await connect(a);
    await call('subscription.add', {
      connectionId: source,
      filter: 'rec/#',
      qos: 1,
      retainAsPublished: true,
    });
    const recording = await call('record.start', { connectionId: source, filter: 'rec/#' });
    const onA = await formatSub(a, 'rec/#');

    const random = seededRandom(16);
    // In steps, each one waited for: Mosquitto drops what it cannot queue (1,000 per client).
    for (let sent = 0; sent < TOTAL;) {
      const step = Math.min(500, TOTAL - sent);
      await Promise.all(
        Array.from({ length: step }, (_, k) => {
          const m = message(sent + k, random);
          return publisher.publishAsync(m.topic, m.payload, m.opts);
        }),
      );
      sent += step;
      await vi.waitFor(async () => {
        expect(await written(recording.recordingId)).toBeGreaterThanOrEqual(sent);
        expect(onA.lines().length).toBeGreaterThanOrEqual(sent);
      }, WAIT);
    }
    const final = await call('record.stop', { recordingId: recording.recordingId });
    expect(final).toMatchObject({ state: 'stopped', written: TOTAL, dropped: 0 });
    const reference = await onA.until(TOTAL, 1000);
    onA.stop();

    // The list computes size, duration and count by streaming the file.
    const listed = (await call('record.list', {})).find((r) => r.path === final.path);
    expect(listed).toMatchObject({ count: TOTAL, unreadable: 0, active: false, filter: 'rec/#' });
    expect(listed?.size).toBe(final.bytes);
    // Readable by jq: a header, then one object per message with base64 payloads (Record #1).
    if (hasJq()) {
      const header = execFileSync('jq', ['-c', 'select(.format) | {format, version, filter}', final.path], {
        encoding: 'utf8',
      });
      expect(JSON.parse(header)).toEqual({ format: 'mqscope-recording', version: 1, filter: 'rec/#' });
      const count = execFileSync('jq', ['-s', '[.[] | select(.topic)] | length', final.path], {
        encoding: 'utf8',
      });
      expect(Number(count)).toBe(TOTAL);
    } else console.warn('jq is not installed: the jq check of the recording was skipped.');

    const target = await connect(b);
    const onB = await formatSub(b, 'rec/#');
    const started = await call('replay.start', {
      connectionId: target,
      source: { path: final.path },
      speed: 'max',
    });
    expect(started.total).toBe(TOTAL);
    const replayed = await onB.until(TOTAL, 60_000);
    onB.stop();
    await vi.waitFor(() => expect(ended(started.replayId)?.state).toBe('finished'), WAIT);
    expect(ended(started.replayId)).toMatchObject({ sent: TOTAL, failed: 0 });

    // Everything but the arrival time (the last field) is identical, line for line, within
    // each QoS: MQTT orders messages per QoS, and Mosquitto delivers QoS 0 past QoS 1 messages
    // waiting for a subscriber's in-flight window, so A's two subscribers may interleave them
    // differently.
    const strip = (line: string) => line.slice(0, line.lastIndexOf('\t'));
    const ofQos = (lines: string[], qos: string) => lines.map(strip).filter((l) => l.split('\t')[1] === qos);
    for (const qos of ['0', '1']) expect(ofQos(replayed, qos)).toEqual(ofQos(reference, qos));
    // And B got them in the order of the recording.
    const recorded: string[] = [];
    await readRecording(final.path, (line) => {
      if (line.kind === 'message')
        recorded.push(`${line.message.topic}\t${Buffer.from(line.message.payload).toString('hex')}`);
    });
    expect(
      replayed.map((l) =>
        l
          .split('\t')
          .filter((_, i) => i === 0 || i === 3)
          .join('\t'),
      ),
    ).toEqual(recorded);
    // The mix really held what it should: binary payloads, properties, retained, both QoS.
    const fields = reference.map((l) => l.split('\t'));
    expect(fields.some((f) => f[1] === '0') && fields.some((f) => f[1] === '1')).toBe(true);
    expect(fields.filter((f) => f[2] === '1')).toHaveLength(TOTAL / 250);
    expect(fields.filter((f) => f[4] === 'application/x-test').length).toBeGreaterThan(1000);
    expect(reference.some((l) => /k:v7\b/.test(l))).toBe(true);
    expect(fields.some((f) => /[89a-f][0-9a-f]/.test(f[3] ?? ''))).toBe(true);
  }, 180_000);

  it('replays at the original timing within 10%, and 4× faster, with rewrite and QoS override (Record #2)', async () => {
    const source = await connect(a);
    await call('subscription.add', { connectionId: source, filter: 'timed/#', qos: 1 });
    const recording = await call('record.start', { connectionId: source, filter: 'timed/#' });
    // Uneven gaps, so a replay that spaced messages evenly would fail too.
    const gaps = [0, 40, 200, 60, 300, 20, 180, 200];
    for (const [i, gap] of gaps.entries()) {
      await new Promise((resolve) => setTimeout(resolve, gap));
      await publisher.publishAsync(`timed/${i}`, `m${i}`, { qos: 1 });
    }
    await vi.waitFor(async () => expect(await written(recording.recordingId)).toBe(gaps.length), WAIT);
    const file = (await call('record.stop', { recordingId: recording.recordingId })).path;
    const times: number[] = [];
    await readRecording(file, (line) => {
      if (line.kind === 'message') times.push(line.message.time);
    });
    const recordedOffsets = times.map((t) => t - (times[0] ?? 0));
    const span = recordedOffsets.at(-1) ?? 0;
    expect(span).toBeGreaterThan(800);

    const target = await connect(b);
    for (const speed of [1, 4]) {
      const onB = await formatSub(b, 'copy/#');
      const started = await call('replay.start', {
        connectionId: target,
        source: { path: file },
        speed,
        rewrite: { pattern: '^timed/', replace: '' },
        prefix: 'copy/',
        qos: 0,
      });
      const lines = await onB.until(gaps.length, 20_000);
      onB.stop();
      await vi.waitFor(() => expect(ended(started.replayId)?.state).toBe('finished'), WAIT);
      const fields = lines.map((l) => l.split('\t'));
      expect(fields.map((f) => f[0])).toEqual(gaps.map((_, i) => `copy/${i}`));
      expect(fields.every((f) => f[1] === '0')).toBe(true);
      const arrived = fields.map((f) => Number(f.at(-1)) * 1000);
      const offsets = arrived.map((t) => t - (arrived[0] ?? 0));
      const expected = recordedOffsets.map((o) => o / speed);
      if (speed === 1) {
        // Each message within 10% of the span of its original offset (Record #2: original timing).
        for (const [i, offset] of offsets.entries()) {
          expect(Math.abs(offset - (expected[i] ?? 0)), `message ${i}`).toBeLessThan(span * 0.1);
        }
      } else {
        // 4×: the whole run takes a quarter of the time; 10%, plus a timer tick or two of a
        // loaded machine, since a quarter-second span leaves 25 ms.
        expect(Math.abs((offsets.at(-1) ?? 0) - span / speed)).toBeLessThan((span / speed) * 0.1 + 40);
      }
    }
  }, 60_000);

  it('pauses and resumes, and a replay stops cleanly when its connection closes (Record #2)', async () => {
    const source = await connect(a);
    await call('subscription.add', { connectionId: source, filter: 'slow/#', qos: 0 });
    const recording = await call('record.start', { connectionId: source, filter: 'slow/#' });
    for (let i = 0; i < 20; i++) await publisher.publishAsync(`slow/${i}`, `s${i}`, { qos: 1 });
    await vi.waitFor(async () => expect(await written(recording.recordingId)).toBe(20), WAIT);
    const file = (await call('record.stop', { recordingId: recording.recordingId })).path;

    const target = await connect(b);
    const onB = await formatSub(b, 'slow/#');
    // Looping at the original timing: it only ends when told to.
    const run = await call('replay.start', {
      connectionId: target,
      source: { path: file },
      loop: true,
      speed: 0.05,
    });
    await onB.until(1, 10_000);
    const paused = await call('replay.pause', { replayId: run.replayId, paused: true });
    expect(paused.state).toBe('paused');
    const resumed = await call('replay.pause', { replayId: run.replayId, paused: false });
    expect(resumed.state).toBe('running');
    await call('connection.close', { connectionId: target });
    await vi.waitFor(() => expect(ended(run.replayId)?.state).toBe('stopped'), WAIT);
    expect(englishOf(ended(run.replayId)?.detail)).toMatch(/the connection ended/);
    expect((await call('replay.list', {})).find((r) => r.replayId === run.replayId)).toBeUndefined();
    onB.stop();
  }, 60_000);

  it('replays a message log exported as JSON Lines, text and binary payloads alike (Record #2)', async () => {
    const source = await connect(a);
    await call('subscription.add', { connectionId: source, filter: 'exported/#', qos: 1 });
    await publisher.publishAsync('exported/text', 'plain text', { qos: 1 });
    await publisher.publishAsync('exported/bin', Buffer.from([0xff, 0x00, 0xfe]), {
      qos: 1,
      properties: { correlationData: Buffer.from('c-1'), userProperties: { k: 'v' } },
    });
    await vi.waitFor(async () => {
      const stats = await call('stream.poll', {
        connectionId: source,
        epoch: 0,
        afterSeq: 0,
        topicCursor: 0,
        waitMs: 0,
      });
      expect(stats.stats.count).toBe(2);
    }, WAIT);
    const exported = await call('messages.export', { connectionId: source, format: 'jsonl' });
    const file = join(mkdtempSync(join(tmpdir(), 'mqscope-export-')), 'export.jsonl');
    await import('node:fs/promises').then((fs) => fs.writeFile(file, exported.content));

    const target = await connect(b);
    const onB = await formatSub(b, 'exported/#');
    const run = await call('replay.start', { connectionId: target, source: { path: file }, speed: 'max' });
    expect(run.total).toBe(2);
    const lines = await onB.until(2, 20_000);
    onB.stop();
    const fields = lines.map((l) => l.split('\t'));
    expect(fields.map((f) => [f[0], f[3]])).toEqual([
      ['exported/text', Buffer.from('plain text').toString('hex')],
      ['exported/bin', 'ff00fe'],
    ]);
    expect(fields[1]?.[5]).toBe('c-1');
    expect(fields[1]?.[8]).toBe('k:v');
  });

  it('records what the connection sends when asked, marked "out" (Record #1)', async () => {
    const source = await connect(a);
    await call('subscription.add', { connectionId: source, filter: 'both/#', qos: 1 });
    const withSent = await call('record.start', {
      connectionId: source,
      filter: 'both/#',
      includeSent: true,
    });
    const withoutSent = await call('record.start', { connectionId: source, filter: 'both/#' });
    await call('message.publish', { connectionId: source, topic: 'both/x', payload: 'hello', qos: 1 });
    // Its own publish comes back through the subscription: one "out", then one "in".
    await vi.waitFor(async () => expect(await written(withSent.recordingId)).toBe(2), WAIT);
    await vi.waitFor(async () => expect(await written(withoutSent.recordingId)).toBe(1), WAIT);
    const directions = async (path: string) => {
      const seen: string[] = [];
      await readRecording(path, (line) => {
        if (line.kind === 'message') seen.push(`${line.message.direction} ${line.message.topic}`);
      });
      return seen;
    };
    const a1 = await call('record.stop', { recordingId: withSent.recordingId });
    const a2 = await call('record.stop', { recordingId: withoutSent.recordingId });
    expect(await directions(a1.path)).toEqual(['out both/x', 'in both/x']);
    expect(await directions(a2.path)).toEqual(['in both/x']);
  });

  it('refuses a file that holds no messages, with the line that is wrong (Record #2)', async () => {
    const target = await connect(b);
    const bad = join(mkdtempSync(join(tmpdir(), 'mqscope-bad-')), 'bad.jsonl');
    await import('node:fs/promises').then((fs) => fs.writeFile(bad, '{"topic": 3}\nnot json\n'));
    const envelope = await dispatch('replay.start', { connectionId: target, source: { path: bad } });
    expect(envelope.ok).toBe(false);
    if (!envelope.ok)
      expect(envelope.error.message).toMatch(/holds no messages to replay \(line 1: no valid "time"\)/);
    expect(readFileSync(bad, 'utf8')).toContain('not json');
    // A chosen path is never overwritten, nor a relative one taken (Record #1).
    const taken = await dispatch('record.start', { connectionId: target, path: bad });
    expect(taken.ok || taken.error.message).toMatch(/already exists: choose a new file name/);
    const relative = await dispatch('record.start', { connectionId: target, path: 'x.jsonl' });
    expect(relative.ok || relative.error.code).toBe('invalid-input');
    expect(readFileSync(bad, 'utf8')).toContain('not json');
  });
});
