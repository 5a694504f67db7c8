/**
 * Workspace 13.5: one data folder, one instance. The first Electron instance takes the
 * single-instance lock and the data-folder lock; a second one hands over and it comes to
 * the front.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { LOCK_DIR, PID_FILE } from '../../electron/engine/fs/data-folder';
import { app, recorded, type BrowserWindow } from './electron-stand-in';

let window: BrowserWindow;

beforeAll(async () => {
  const main = await import('../../electron/main/index');
  await main.ready;
  const first = recorded.windows[0];
  if (!first) throw new Error('main opened no window');
  window = first;
});

describe('Electron main: single instance (Workspace 13.5)', () => {
  it('holds the data-folder lock in userData, with its PID beside it', () => {
    const dir = app.getPath('userData');
    expect(existsSync(join(dir, LOCK_DIR))).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, PID_FILE), 'utf8'))).toMatchObject({ pid: process.pid });
  });

  it('brings its minimized window to the front when a second instance starts', () => {
    window.minimized = true;
    window.focusCalls.length = 0;
    app.emit('second-instance', {}, ['mqscope'], process.cwd());
    expect(window.minimized).toBe(false);
    expect(window.focusCalls).toEqual(['restore', 'show', 'focus']);
    expect(recorded.windows).toHaveLength(1);
  });
});
