/**
 * Workspace 13.5: an Electron instance that does not get the single-instance lock opens
 * nothing (no window, no handlers, no engine on the shared folder) and quits.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCK_DIR } from '../../electron/engine/fs/data-folder';
import { app, instanceState, recorded } from './electron-stand-in';

describe('Electron main: a second instance (Workspace 13.5)', () => {
  it('quits without a window, handlers or a lock on the data folder', async () => {
    instanceState.gotLock = false;
    const main = await import('../../electron/main/index');
    await main.ready;
    expect(recorded.quits).toBe(1);
    expect(recorded.windows).toHaveLength(0);
    expect(recorded.handlers.size).toBe(0);
    expect(existsSync(join(app.getPath('userData'), LOCK_DIR))).toBe(false);
  });
});
