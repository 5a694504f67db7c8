/** Where profiles sit in their folders, and names that do not collide there. */
import type { StoredProfile } from './document';

export function byFolderThenOrder(a: StoredProfile, b: StoredProfile): number {
  return a.folder.localeCompare(b.folder) || a.order - b.order || a.name.localeCompare(b.name);
}

export function nextOrder(profiles: readonly StoredProfile[], folder: string): number {
  let max = -1;
  for (const p of profiles) if (p.folder === folder && p.order > max) max = p.order;
  return max + 1;
}

/** "Name (copy)", "Name (copy 2)", ...: a name not yet used in the folder. */
export function copyName(profiles: readonly StoredProfile[], name: string, folder: string): string {
  const taken = new Set(profiles.filter((p) => p.folder === folder).map((p) => p.name));
  const base = name.replace(/ \(copy(?: \d+)?\)$/, '');
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? `${base} (copy)` : `${base} (copy ${n})`;
    if (!taken.has(candidate)) return candidate;
  }
}

export function inFolder(folder: string, scope: string): boolean {
  return scope === '' || folder === scope || folder.startsWith(`${scope}/`);
}
