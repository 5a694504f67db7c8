/**
 * The settings store through the contract, as both hosts drive it (createDispatch over
 * engine.handlers), with a real data folder: a round trip across engine restarts, the log
 * limits kept, and a bad file set aside with the defaults in its place. Issue 14 item 4.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
  DEFAULT_STREAM_LIMITS,
  type RequestInput,
  type RequestName,
  type RequestResult,
} from '../../electron/contract';
import { createEngine, type Engine } from '../../electron/engine';
import { SETTINGS_FILE } from '../../electron/engine/settings/settings-store';
import { createDispatch } from '../../electron/host/dispatch';

const folders: string[] = [];
const engines: Engine[] = [];

function dataFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mqscope-settings-'));
  folders.push(dir);
  return dir;
}

/** A fresh engine on `dataDir`, as a restarted host would make it. */
function start(dataDir: string | undefined) {
  const engine = createEngine({ host: 'web', version: 'test' }, dataDir ? { dataDir } : {});
  engines.push(engine);
  const dispatch = createDispatch(engine.handlers);
  return async <N extends RequestName>(name: N, input: RequestInput<N>): Promise<RequestResult<N>> => {
    const answer = await dispatch(name, input);
    if (!answer.ok) throw new Error(`${name}: ${answer.error.code} ${answer.error.message}`);
    return answer.value as RequestResult<N>;
  };
}

afterEach(async () => {
  await Promise.all(engines.splice(0).map((engine) => engine.dispose()));
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('settings store (issue 14 #4)', () => {
  it('starts from the defaults when there is no file', async () => {
    const call = start(dataFolder());
    const state = await call('settings.get', {});
    expect(state).toEqual({
      settings: DEFAULT_SETTINGS,
      limits: DEFAULT_STREAM_LIMITS,
      setAsidePath: null,
      persisted: true,
    });
  });

  it('keeps every setting and the log limits across a restart', async () => {
    const dir = dataFolder();
    const first = start(dir);
    await first('settings.save', { language: 'zh-CN', theme: 'dark' });
    // A later change of other fields leaves the earlier ones as they were.
    const saved = await first('settings.save', { timeFormat: 'utc', reconnectPeriodSeconds: 7 });
    await first('settings.save', { notifyOnDrop: true, notifyTopics: ['alarms/#'] });
    expect(saved.settings.language).toBe('zh-CN');
    const limits = await first('stream.setLimits', { maxMessages: 5000 });
    expect(limits.maxMessages).toBe(5000);

    const again = start(dir);
    const state = await again('settings.get', {});
    expect(state.settings).toEqual({
      language: 'zh-CN',
      theme: 'dark',
      timeFormat: 'utc',
      reconnectPeriodSeconds: 7,
      notifyOnDrop: true,
      notifyTopics: ['alarms/#'],
    });
    expect(state.limits.maxMessages).toBe(5000);
    // The kept limits are in force in the engine itself, not only reported.
    expect((await again('stream.limits', {})).maxMessages).toBe(5000);
    const file = JSON.parse(readFileSync(join(dir, SETTINGS_FILE), 'utf8')) as { version: number };
    expect(file.version).toBe(1);
  });

  it('sets a bad file aside, starts from the defaults and says where the file went', async () => {
    const dir = dataFolder();
    writeFileSync(join(dir, SETTINGS_FILE), '{"version":1,"settings":{"theme":"purple"}}');
    const call = start(dir);
    const state = await call('settings.get', {});
    expect(state.settings).toEqual(DEFAULT_SETTINGS);
    expect(state.setAsidePath).toMatch(/settings\.json\.bad-/);
    // Nothing is lost: the bad file's bytes are kept under the new name.
    const aside = readdirSync(dir).filter((name) => name.startsWith(`${SETTINGS_FILE}.bad-`));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(dir, aside[0] ?? ''), 'utf8')).toContain('purple');
    // And saving afterwards writes a good file again.
    await call('settings.save', { theme: 'light' });
    expect((await start(dir)('settings.get', {})).settings.theme).toBe('light');
  });

  it('sets aside a file that is not JSON at all', async () => {
    const dir = dataFolder();
    writeFileSync(join(dir, SETTINGS_FILE), '\u0000not json');
    const state = await start(dir)('settings.get', {});
    expect(state.settings).toEqual(DEFAULT_SETTINGS);
    expect(state.setAsidePath).not.toBeNull();
  });

  it('refuses a bad value at the boundary with a clear error, changing nothing', async () => {
    const dir = dataFolder();
    const engine = createEngine({ host: 'web', version: 'test' }, { dataDir: dir });
    engines.push(engine);
    const dispatch = createDispatch(engine.handlers);
    const answer = await dispatch('settings.save', { theme: 'purple' });
    expect(answer.ok).toBe(false);
    if (!answer.ok) expect(answer.error.code).toBe('invalid-input');
    expect(readdirSync(dir)).not.toContain(SETTINGS_FILE);
  });

  it('keeps settings in memory on a host without a data folder', async () => {
    const call = start(undefined);
    await call('settings.save', { theme: 'dark' });
    const state = await call('settings.get', {});
    expect(state.settings.theme).toBe('dark');
    expect(state.persisted).toBe(false);
  });
});
