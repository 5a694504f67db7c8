/**
 * Workspace 13.5 / Trust #9: Electron takes the same data-folder lock as the web host. When
 * another MQScope holds userData, it says so (naming the folder and the PID) and exits 1.
 */
import { describe, expect, it } from 'vitest';
import { lockDataFolder } from '../../electron/engine/fs/data-folder';
import { app, recorded } from './electron-stand-in';

describe('Electron main on a data folder another MQScope holds', () => {
  it('shows one error naming the folder and the holder, exits 1, opens nothing', async () => {
    const dir = app.getPath('userData');
    // Held by this very process (a live PID), as a web host with --data-dir there would.
    const held = await lockDataFolder(dir);
    try {
      const main = await import('../../electron/main/index');
      await main.ready;
      expect(recorded.exits).toEqual([1]);
      expect(recorded.windows).toHaveLength(0);
      expect(recorded.handlers.size).toBe(0);
      expect(recorded.errorBoxes).toHaveLength(1);
      expect(recorded.errorBoxes[0]?.content).toBe(
        `The data folder ${dir} is in use by another MQScope (PID ${process.pid}). Close it first.`,
      );
    } finally {
      await held.release();
    }
  });
});
