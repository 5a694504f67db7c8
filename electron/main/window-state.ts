/**
 * Window size, position and maximized state, remembered per display (issue 19 #3) and
 * restored inside that display's visible work area, so a window never comes back off
 * screen after a monitor is unplugged or its resolution changes. Pure functions here; the
 * Electron wiring is in window.ts. Kept in the data folder with the one atomic-write helper.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../engine/fs/atomic-write';

export const WINDOW_STATE_FILE = 'window-state.json';
export const DEFAULT_SIZE = { width: 1280, height: 820 };
export const MIN_SIZE = { width: 900, height: 560 };

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}
export interface DisplayLike {
  bounds: Rect;
  workArea: Rect;
}

const Coordinate = z.number().int().min(-100_000).max(100_000);
const Length = z.number().int().min(1).max(100_000);
const PlacementSchema = z
  .object({ x: Coordinate, y: Coordinate, width: Length, height: Length, maximized: z.boolean() })
  .strict();
export type Placement = z.infer<typeof PlacementSchema>;

const HeaderSchema = z.object({ version: z.literal(1), lastDisplay: z.string().max(100) });
/** More displays than any desk has: a file claiming thousands is not ours. */
const MAX_DISPLAYS = 64;

export interface WindowState {
  lastDisplay: string | null;
  displays: Map<string, Placement>;
}

export const emptyWindowState = (): WindowState => ({ lastDisplay: null, displays: new Map() });

/** A display by its geometry: display ids are not stable across restarts on every platform. */
export function displayKey(display: DisplayLike): string {
  const { x, y, width, height } = display.bounds;
  return `${width}x${height}+${x}+${y}`;
}

/** A damaged or foreign file is ignored (the window opens at its default size), never fatal. */
export function parseWindowState(text: string): WindowState {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return emptyWindowState();
  }
  const header = HeaderSchema.safeParse(json);
  const displays = (json as { displays?: unknown } | null)?.displays;
  if (!header.success || typeof displays !== 'object' || displays === null || Array.isArray(displays)) {
    return emptyWindowState();
  }
  // Entries read one by one into a Map: a key such as `__proto__` stays an ordinary key
  // (a schema's record output would assign it, and lose it to the prototype).
  const entries = Object.entries(displays);
  if (entries.length > MAX_DISPLAYS) return emptyWindowState();
  const kept = new Map<string, Placement>();
  for (const [key, value] of entries) {
    const placement = PlacementSchema.safeParse(value);
    if (key.length <= 100 && placement.success) kept.set(key, placement.data);
  }
  return { lastDisplay: header.data.lastDisplay || null, displays: kept };
}

export function serializeWindowState(state: WindowState): string {
  return `${JSON.stringify(
    { version: 1, lastDisplay: state.lastDisplay ?? '', displays: Object.fromEntries(state.displays) },
    null,
    2,
  )}\n`;
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), Math.max(low, high));
}

/** The saved rectangle, shrunk to fit the work area and moved fully inside it. */
export function fitInside(rect: Rect, area: Rect): Rect {
  const width = Math.min(Math.max(rect.width, Math.min(MIN_SIZE.width, area.width)), area.width);
  const height = Math.min(Math.max(rect.height, Math.min(MIN_SIZE.height, area.height)), area.height);
  return {
    width,
    height,
    x: clamp(rect.x, area.x, area.x + area.width - width),
    y: clamp(rect.y, area.y, area.y + area.height - height),
  };
}

/**
 * Where the window opens: on the display it was last on if that display is still there,
 * else on another display it was remembered on (the primary first), else null (defaults).
 */
export function placeWindow(
  state: WindowState,
  displays: readonly DisplayLike[],
  primary: DisplayLike,
): { bounds: Rect; maximized: boolean } | null {
  const present = new Map(displays.map((d) => [displayKey(d), d]));
  const candidates = [state.lastDisplay, displayKey(primary), ...state.displays.keys()];
  for (const key of candidates) {
    if (key === null) continue;
    const display = present.get(key);
    const saved = state.displays.get(key);
    if (display && saved) return { bounds: fitInside(saved, display.workArea), maximized: saved.maximized };
  }
  return null;
}

export function rememberPlacement(
  state: WindowState,
  display: DisplayLike,
  placement: Placement,
): WindowState {
  const key = displayKey(display);
  const displays = new Map(state.displays);
  displays.set(key, placement);
  return { lastDisplay: key, displays };
}

export async function loadWindowState(dataDir: string): Promise<WindowState> {
  try {
    return parseWindowState(await readFile(join(dataDir, WINDOW_STATE_FILE), 'utf8'));
  } catch {
    return emptyWindowState();
  }
}

export function saveWindowState(dataDir: string, state: WindowState): Promise<void> {
  return writeFileAtomic(join(dataDir, WINDOW_STATE_FILE), serializeWindowState(state));
}
