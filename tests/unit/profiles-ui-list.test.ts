import { describe, expect, it } from 'vitest';
import { ProfileOptionsSchema, type ProfileView } from '../../electron/contract';
import {
  downloadName,
  folderNames,
  groupProfiles,
  hostPort,
  matchesFilter,
  moveInFolder,
} from '../../src/profiles/profile-list-model';

function profile(id: string, name: string, folder: string, order: number, host = `${id}.local`): ProfileView {
  return {
    id,
    name,
    folder,
    order,
    createdAt: 0,
    updatedAt: 0,
    options: ProfileOptionsSchema.parse({ transport: 'mqtt', host, port: 1883 }),
    secrets: { password: false, passphrase: false, keyPem: false, wsHeaders: [] },
  };
}

const all = [
  profile('c', 'Prod', 'Customers/ACME', 0, '10.0.0.5'),
  profile('a', 'Local', '', 1),
  profile('b', 'Dev', '', 0),
  profile('d', 'Staging', 'Customers/ACME', 1),
  profile('e', 'Lab', 'Bench', 0),
];

describe('profile list model', () => {
  it('groups by folder: top level first, folders by name, rows in saved order', () => {
    const groups = groupProfiles(all);
    expect(groups.map((g) => g.folder)).toEqual(['', 'Bench', 'Customers/ACME']);
    expect(groups[0]?.profiles.map((p) => p.name)).toEqual(['Dev', 'Local']);
    expect(groups[2]?.profiles.map((p) => p.name)).toEqual(['Prod', 'Staging']);
  });

  it('filters by name or host, case-insensitively, and drops empty folders', () => {
    expect(groupProfiles(all, 'STAG').flatMap((g) => g.profiles.map((p) => p.id))).toEqual(['d']);
    expect(groupProfiles(all, '10.0.0').flatMap((g) => g.profiles.map((p) => p.id))).toEqual(['c']);
    expect(groupProfiles(all, 'nothing')).toEqual([]);
    expect(matchesFilter(all[0] as ProfileView, '  ')).toBe(true);
  });

  it('moves a profile up or down inside its folder, not past either end', () => {
    expect(moveInFolder(all, 'a', -1)).toEqual({ folder: '', ids: ['a', 'b'] });
    expect(moveInFolder(all, 'b', -1)).toBeNull();
    expect(moveInFolder(all, 'c', 1)).toEqual({ folder: 'Customers/ACME', ids: ['d', 'c'] });
    expect(moveInFolder(all, 'd', 1)).toBeNull();
    expect(moveInFolder(all, 'missing', 1)).toBeNull();
  });

  it('lists folders with their parents, and formats host:port', () => {
    expect(folderNames(all)).toEqual(['Bench', 'Customers', 'Customers/ACME']);
    expect(hostPort(all[0] as ProfileView)).toBe('10.0.0.5:1883');
  });

  it('makes a safe download name', () => {
    expect(downloadName('mqscope-Dev.json')).toBe('mqscope-Dev.json');
    expect(downloadName('a/b:c.json')).toBe('a-b-c.json');
    expect(downloadName('   ')).toBe('mqscope-profiles.json');
  });
});
