/**
 * Issue 19 #3: the window's placement is remembered per display and comes back inside the
 * visible work area of a display that is still there.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  WINDOW_STATE_FILE,
  displayKey,
  emptyWindowState,
  fitInside,
  loadWindowState,
  parseWindowState,
  placeWindow,
  rememberPlacement,
  saveWindowState,
  serializeWindowState,
  type DisplayLike,
} from '../../electron/main/window-state';

const laptop: DisplayLike = {
  bounds: { x: 0, y: 0, width: 1440, height: 900 },
  workArea: { x: 0, y: 25, width: 1440, height: 875 },
};
const monitor: DisplayLike = {
  bounds: { x: 1440, y: 0, width: 2560, height: 1440 },
  workArea: { x: 1440, y: 0, width: 2560, height: 1400 },
};

describe('window placement per display (Issue 19 #3)', () => {
  it('comes back where it was on the display it was last on', () => {
    let state = rememberPlacement(emptyWindowState(), laptop, {
      x: 10,
      y: 40,
      width: 1000,
      height: 700,
      maximized: false,
    });
    state = rememberPlacement(state, monitor, {
      x: 1600,
      y: 100,
      width: 1800,
      height: 1100,
      maximized: true,
    });
    expect(placeWindow(state, [laptop, monitor], laptop)).toEqual({
      bounds: { x: 1600, y: 100, width: 1800, height: 1100 },
      maximized: true,
    });
  });

  it('falls back to the placement kept for a display still there when the last one is gone', () => {
    let state = rememberPlacement(emptyWindowState(), laptop, {
      x: 10,
      y: 40,
      width: 1000,
      height: 700,
      maximized: false,
    });
    state = rememberPlacement(state, monitor, {
      x: 1600,
      y: 100,
      width: 1800,
      height: 1100,
      maximized: true,
    });
    expect(placeWindow(state, [laptop], laptop)).toEqual({
      bounds: { x: 10, y: 40, width: 1000, height: 700 },
      maximized: false,
    });
  });

  it('opens at the default size on a desk it has never seen', () => {
    const state = rememberPlacement(emptyWindowState(), monitor, {
      x: 1600,
      y: 0,
      width: 900,
      height: 600,
      maximized: false,
    });
    expect(placeWindow(state, [laptop], laptop)).toBeNull();
  });

  it('moves an off-screen or oversized window fully inside the work area', () => {
    expect(fitInside({ x: -500, y: -300, width: 1000, height: 700 }, laptop.workArea)).toEqual({
      x: 0,
      y: 25,
      width: 1000,
      height: 700,
    });
    expect(fitInside({ x: 5000, y: 5000, width: 9000, height: 9000 }, laptop.workArea)).toEqual(
      laptop.workArea,
    );
    // Too small to use: grown back to the window's minimum.
    expect(fitInside({ x: 100, y: 100, width: 10, height: 10 }, laptop.workArea)).toMatchObject({
      width: 900,
      height: 560,
    });
  });

  it('ignores a damaged, foreign or hostile file instead of failing to start', () => {
    for (const text of [
      '',
      '{',
      '[]',
      '{"version":2}',
      '{"version":1,"lastDisplay":"a","displays":{"a":{"x":"1"}}}',
    ]) {
      expect(parseWindowState(text).displays.size).toBe(0);
    }
    const hostile = parseWindowState(
      '{"version":1,"lastDisplay":"__proto__","displays":{"__proto__":{"x":0,"y":0,"width":900,"height":600,"maximized":false}}}',
    );
    // Keyed by user input: an ordinary key in a Map, nothing on Object.prototype.
    expect(hostile.displays.get('__proto__')).toMatchObject({ width: 900 });
    expect(({} as Record<string, unknown>)['width']).toBeUndefined();
  });

  it('round-trips through the data folder with the atomic writer', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mqscope-window-'));
    expect(await loadWindowState(dir)).toEqual(emptyWindowState());
    const state = rememberPlacement(emptyWindowState(), laptop, {
      x: 1,
      y: 30,
      width: 950,
      height: 600,
      maximized: false,
    });
    await saveWindowState(dir, state);
    const text = readFileSync(join(dir, WINDOW_STATE_FILE), 'utf8');
    expect(text).toBe(serializeWindowState(state));
    expect(await loadWindowState(dir)).toEqual(state);
    expect(state.lastDisplay).toBe(displayKey(laptop));
    writeFileSync(join(dir, WINDOW_STATE_FILE), 'garbage');
    expect(await loadWindowState(dir)).toEqual(emptyWindowState());
  });
});
