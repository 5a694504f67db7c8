/**
 * Record (issue 16 item 1): the JSON Lines format round trip, the exported log read as a
 * replay source, bounded memory when the disk is slow, and a 20k msg/s stream to a real file.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { ConnectionStatus, ReceivedMessage, RecordingStatus } from '../../electron/contract';
import type { ConnectionManager, TrafficListener } from '../../electron/engine/connection-manager';
import { BatchedLineSink, type LineWriter } from '../../electron/engine/record/file-sink';
import { headerLine, messageLine, parseLine } from '../../electron/engine/record/format';
import { readRecording } from '../../electron/engine/record/lines';
import { Recorder } from '../../electron/engine/record/recorder';
import { RecordingsList } from '../../electron/engine/record/recordings';
import { compileRewrite } from '../../electron/engine/record/replayer';
import { exportEntries } from '../../electron/engine/stream/export';
import type { LogEntry } from '../../electron/engine/stream/message-log';

const bytes = (...values: number[]) => new Uint8Array(values);

describe('recording format (Record #1)', () => {
  it('keeps every payload byte, the properties and a cut payload size through a line (Record #1)', () => {
    const message: ReceivedMessage = {
      topic: 'a/b',
      payload: bytes(0, 255, 10, 13, 0x80),
      qos: 1,
      retain: true,
      receivedAt: 1_700_000_000_123,
      size: 9_000_000,
      properties: {
        correlationData: bytes(1, 2, 250),
        userProperties: [
          { key: '__proto__', value: 'x' },
          { key: 'k', value: 'v' },
        ],
        contentType: 'application/octet-stream',
        payloadFormatIndicator: false,
        responseTopic: 'r/1',
        messageExpiryInterval: 30,
      },
    };
    const line = messageLine(message, 'out');
    expect(JSON.parse(line)).toMatchObject({ direction: 'out', payload: 'AP8KDYA=', size: 9_000_000 });
    const parsed = parseLine(line);
    expect(parsed).toEqual({
      kind: 'message',
      message: {
        time: message.receivedAt,
        direction: 'out',
        topic: 'a/b',
        qos: 1,
        retain: true,
        payload: message.payload,
        properties: message.properties,
      },
    });
  });

  it('reads the header, and refuses what is not a message with a reason (Record #1)', () => {
    const header = parseLine(
      headerLine({ broker: 'mqtt://h:1883', clientId: 'c', filter: null, includeSent: false, startedAt: 5 }),
    );
    expect(header).toMatchObject({
      kind: 'header',
      header: { version: 1, started: '1970-01-01T00:00:00.005Z' },
    });
    expect(parseLine('{"time":1,"topic":"t","qos":1,"payl')).toMatchObject({ kind: 'bad' });
    expect(parseLine('{"time":1,"topic":"t","qos":3,"payload":""}')).toEqual({
      kind: 'bad',
      reason: '"qos" is not 0, 1 or 2',
    });
    expect(parseLine('{"time":1,"topic":"t","qos":0,"payload":"!!"}')).toMatchObject({ kind: 'bad' });
    expect(parseLine('{"format":"mqscope-recording","version":9}')).toMatchObject({ kind: 'bad' });
  });

  it('reads the message log export (text and base64 payloads, correlation data) as a replay source (Record #2)', () => {
    const entry = (seq: number, payload: Uint8Array): LogEntry =>
      ({
        seq,
        topic: `t/${seq}`,
        payload,
        qos: 0,
        retain: false,
        size: payload.byteLength,
        receivedAt: 1000 + seq,
        properties: { correlationData: bytes(7, 8) },
      }) as unknown as LogEntry;
    const { content } = exportEntries(
      [entry(1, bytes(104, 105)), entry(2, bytes(0xff, 0))],
      'jsonl',
      undefined,
    );
    const messages = content
      .trim()
      .split('\n')
      .map((l) => parseLine(l));
    expect(messages).toMatchObject([
      { kind: 'message', message: { topic: 't/1', payload: bytes(104, 105), time: 1001 } },
      {
        kind: 'message',
        message: { topic: 't/2', payload: bytes(0xff, 0), properties: { correlationData: bytes(7, 8) } },
      },
    ]);
  });

  it('rewrites topics with a regex, then a prefix, and refuses a bad pattern with a sentence (Record #2)', () => {
    expect(
      compileRewrite({ rewrite: { pattern: '^site/(\\w+)', replace: 'copy/$1' }, prefix: 'x/' })('site/a/b'),
    ).toBe('x/copy/a/b');
    expect(() => compileRewrite({ rewrite: { pattern: '(', replace: '' } })).toThrow(
      /not a valid regular expression/,
    );
  });
});

function slowWriter(delayMs: number): LineWriter & { text: () => string } {
  let text = '';
  return {
    write: (chunk) =>
      new Promise((resolve) =>
        setTimeout(() => {
          text += chunk;
          resolve();
        }, delayMs),
      ),
    close: async () => undefined,
    text: () => text,
  };
}

describe('batched sink (Record #1: bounded memory)', () => {
  it('drops and counts what a slow disk cannot take, never holding more than its bound (Record #1)', async () => {
    const writer = slowWriter(30);
    const sink = new BatchedLineSink(writer, () => undefined, {
      maxPendingBytes: 64 * 1024,
      batchBytes: 8 * 1024,
    });
    const line = 'x'.repeat(99);
    let maxBacklog = 0;
    for (let i = 0; i < 20_000; i++) {
      sink.push(line);
      maxBacklog = Math.max(maxBacklog, sink.backlog);
      if (i % 1000 === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await sink.close();
    expect(maxBacklog).toBeLessThanOrEqual(64 * 1024);
    expect(sink.dropped).toBeGreaterThan(0);
    expect(sink.written + sink.dropped).toBe(20_000);
    expect(writer.text().split('\n').filter(Boolean)).toHaveLength(sink.written);
  });
});

describe('recorder at 20k msg/s (Record #1)', () => {
  it('keeps up with 20,000 messages a second to a real file, in batches as the connection hands them over (Record #1)', async () => {
    let tap: TrafficListener = () => undefined;
    const status = { url: 'mqtt://broker:1883', clientId: 'c1', state: 'connected' } as ConnectionStatus;
    const manager = {
      onTraffic: (listener: TrafficListener) => {
        tap = listener;
        return () => undefined;
      },
      get: () => ({ status }),
    } as unknown as ConnectionManager;
    const dataDir = mkdtempSync(join(tmpdir(), 'mqscope-rec-unit-'));
    const statuses: RecordingStatus[] = [];
    const recorder = new Recorder(manager, { dataDir, emit: (s) => statuses.push(s) });
    const started = await recorder.start({ connectionId: 'conn-1', includeSent: false });
    const payload = new Uint8Array(64).fill(7);
    // 2 s at 20k msg/s: 1,000 messages every 50 ms, the batcher's interval.
    const startedAt = Date.now();
    for (let tick = 0; tick < 40; tick++) {
      const batch = Array.from({ length: 1000 }, (_, i): ReceivedMessage => ({
        topic: `s/${i % 50}`,
        payload,
        qos: 0,
        retain: false,
        receivedAt: Date.now(),
      }));
      tap('conn-1', batch, 'in');
      tap('conn-2', batch, 'in'); // another connection: not recorded
      const due = startedAt + (tick + 1) * 50;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - Date.now())));
    }
    const final = await recorder.stop(started.recordingId);
    expect(final).toMatchObject({ state: 'stopped', written: 40_000, dropped: 0 });
    const lines = readFileSync(final.path, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(40_001);
    const info = await new RecordingsList(join(dataDir, 'recordings')).info(final.path, false);
    expect(info).toMatchObject({ count: 40_000, unreadable: 0, broker: 'mqtt://broker:1883' });
    expect(info?.durationMs).toBeGreaterThan(1500);
    await vi.waitFor(() => expect(statuses.at(-1)?.state).toBe('stopped'));
  }, 30_000);

  it('reads a file cut mid-line up to its last whole line (Record #1)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mqscope-rec-cut-'));
    const path = join(dir, 'cut.jsonl');
    const whole = [0, 1, 2].map((i) =>
      messageLine({ topic: `t/${i}`, payload: bytes(i), qos: 0, retain: false, receivedAt: 10 + i }, 'in'),
    );
    const { writeFileSync } = await import('node:fs');
    writeFileSync(
      path,
      `${headerLine({ broker: 'b', clientId: 'c', filter: null, includeSent: false, startedAt: 10 })}\n${whole.join('\n')}\n${whole[0]?.slice(0, 20)}`,
    );
    const topics: string[] = [];
    const summary = await readRecording(path, (line) => {
      if (line.kind === 'message') topics.push(line.message.topic);
    });
    expect(topics).toEqual(['t/0', 't/1', 't/2']);
    expect(summary).toMatchObject({ messages: 3, unreadable: 1, firstProblem: { line: 5 } });
    expect(await new RecordingsList(dir).info(path, false)).toMatchObject({
      count: 3,
      unreadable: 1,
      durationMs: 2,
    });
  });
});
