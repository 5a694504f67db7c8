/** The profile list as shown: filtered, grouped by folder, and the moves it allows. */
import type { ProfileView } from '../../electron/contract';

export interface FolderGroup {
  /** "" is the top level. */
  folder: string;
  profiles: ProfileView[];
}

/** "host:port", as the row shows it. */
export function hostPort(profile: ProfileView): string {
  return `${profile.options.host}:${profile.options.port}`;
}

export function matchesFilter(profile: ProfileView, filter: string): boolean {
  const needle = filter.trim().toLowerCase();
  if (needle === '') return true;
  return profile.name.toLowerCase().includes(needle) || profile.options.host.toLowerCase().includes(needle);
}

function byOrder(a: ProfileView, b: ProfileView): number {
  return a.order - b.order || a.name.localeCompare(b.name);
}

/** Top level first, then folders by name; profiles in their saved order. */
export function groupProfiles(profiles: readonly ProfileView[], filter = ''): FolderGroup[] {
  const groups = new Map<string, ProfileView[]>();
  for (const profile of profiles) {
    if (!matchesFilter(profile, filter)) continue;
    const list = groups.get(profile.folder) ?? [];
    list.push(profile);
    groups.set(profile.folder, list);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b)))
    .map(([folder, list]) => ({ folder, profiles: list.sort(byOrder) }));
}

/** Every folder in use, and the folders above them, for the folder picker. */
export function folderNames(profiles: readonly ProfileView[]): string[] {
  const names = new Set<string>();
  for (const { folder } of profiles) {
    const parts = folder.split('/');
    for (let n = 1; n <= parts.length; n++) if (folder !== '') names.add(parts.slice(0, n).join('/'));
  }
  return [...names].sort((a, b) => a.localeCompare(b));
}

/**
 * The `profiles.reorder` input that moves one profile up (-1) or down (+1) inside its
 * folder, or null when it is already at that end.
 */
export function moveInFolder(
  profiles: readonly ProfileView[],
  id: string,
  delta: -1 | 1,
): { folder: string; ids: string[] } | null {
  const profile = profiles.find((p) => p.id === id);
  if (!profile) return null;
  const siblings = profiles.filter((p) => p.folder === profile.folder).sort(byOrder);
  const at = siblings.findIndex((p) => p.id === id);
  const to = at + delta;
  if (to < 0 || to >= siblings.length) return null;
  const ids = siblings.map((p) => p.id);
  [ids[at], ids[to]] = [ids[to] as string, ids[at] as string];
  return { folder: profile.folder, ids };
}

/** A file name for a download: what the host suggested, else a safe one. */
export function downloadName(suggested: string): string {
  const cleaned = suggested.replace(/[\\/:*?"<>|\p{Cc}]+/gu, '-').trim();
  return cleaned === '' ? 'mqscope-profiles.json' : cleaned;
}
