/**
 * Issue 19 #1: a recording opened from the desktop (its file association) is read where it
 * lies, listed from then on, and offered for replay; a file that is not one is refused with
 * a keyed reason, and nothing is listed.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RecordingInfo } from '../../electron/contract';
import { createEngine } from '../../electron/engine';
import { headerLine, messageLine } from '../../electron/engine/record/format';
import { createDispatch } from '../../electron/host/dispatch';

function setUp() {
  const dataDir = mkdtempSync(join(tmpdir(), 'mqscope-open-'));
  const elsewhere = mkdtempSync(join(tmpdir(), 'mqscope-elsewhere-'));
  const dispatch = createDispatch(createEngine({ host: 'web', version: 'test' }, { dataDir }).handlers);
  return { dispatch, elsewhere };
}

describe('record.open (Issue 19 #1)', () => {
  it('reads a recording outside the data folder and lists it from then on', async () => {
    const { dispatch, elsewhere } = setUp();
    const path = join(elsewhere, 'bug.mqscope-rec.jsonl');
    const message = (topic: string, at: number) => ({
      topic,
      payload: new TextEncoder().encode('{"t":1}'),
      qos: 0 as const,
      retain: false,
      receivedAt: at,
      size: 7,
    });
    writeFileSync(
      path,
      [
        headerLine({
          startedAt: 1_000,
          broker: 'mqtt://h:1883',
          clientId: 'c',
          filter: null,
          includeSent: false,
        }),
        messageLine(message('a', 1_500), 'in'),
        messageLine(message('b', 3_000), 'in'),
      ].join('\n') + '\n',
    );
    const opened = await dispatch('record.open', { path });
    expect(opened).toMatchObject({
      ok: true,
      value: { name: 'bug.mqscope-rec.jsonl', path, count: 2, durationMs: 2_000 },
    });
    const listed = await dispatch('record.list', {});
    expect(listed.ok && (listed.value as RecordingInfo[]).map((r) => r.path)).toContain(path);
  });

  it('refuses a file that is not a recording, with a key, and lists nothing', async () => {
    const { dispatch, elsewhere } = setUp();
    const path = join(elsewhere, 'notes.mqscope-rec.jsonl');
    writeFileSync(path, 'just some text\n');
    const answer = await dispatch('record.open', { path });
    expect(answer).toMatchObject({
      ok: false,
      error: {
        code: 'invalid-input',
        text: { key: 'record.notARecording', params: { name: 'notes.mqscope-rec.jsonl' } },
      },
    });
    const missing = await dispatch('record.open', { path: join(elsewhere, 'gone.jsonl') });
    expect(missing).toMatchObject({ ok: false, error: { text: { key: 'record.notARecording' } } });
    const listed = await dispatch('record.list', {});
    expect(listed.ok && listed.value).toEqual([]);
  });
});

describe('desktop.chooseFile outside the desktop app (Issue 19 #3)', () => {
  it('is answered "unsupported" with a key: the web host has no native dialogs', async () => {
    const { dispatch } = setUp();
    const answer = await dispatch('desktop.chooseFile', { purpose: 'open-recording' });
    expect(answer).toMatchObject({
      ok: false,
      error: { code: 'unsupported', text: { key: 'desktop.onlyInDesktop' } },
    });
  });
});
