/** Issue 13 (Workspace #1): the will lab's per-broker history file, migrated to profiles. */
import { describe, expect, it } from 'vitest';
import { labKey, migrateLabHistoryV1 } from '../../electron/engine/lab/lab-history';

const result = (id: string, actionAt: number) => ({ id, actionAt });

describe('lab history migration', () => {
  // Workspace #1: every old result reaches each profile of its broker, or stays under its broker.
  it('copies a broker’s results to each profile on it and keeps unclaimed ones under the broker', () => {
    const pairs = migrateLabHistoryV1(
      {
        version: 1,
        brokers: [
          ['mqtt://a:1883', [result('a1', 1), result('a2', 3)]],
          ['ws://a:8080/mqtt', [result('w1', 2)]],
          ['mqtt://z:1883', [result('z1', 5)]],
        ],
      },
      [
        { id: 'p1', url: 'mqtt://a:1883' },
        { id: '__proto__', url: 'mqtt://a:1883' },
        { id: 'p3', url: 'ws://a:8080/mqtt' },
      ],
    );
    const byKey = new Map(pairs);
    expect(byKey.get('profile:p1')?.map((r) => r.id)).toEqual(['a2', 'a1']);
    expect(byKey.get('profile:__proto__')?.map((r) => r.id)).toEqual(['a2', 'a1']);
    expect(byKey.get('profile:p3')?.map((r) => r.id)).toEqual(['w1']);
    expect(byKey.get('broker:mqtt://z:1883')?.map((r) => r.id)).toEqual(['z1']);
    expect(byKey.size).toBe(4);
  });

  it('answers null for a file that is not version 1, and keys by profile first', () => {
    expect(migrateLabHistoryV1({ version: 1, brokers: 'x' }, [])).toBeNull();
    expect(migrateLabHistoryV1({ version: 2, keys: [] }, [])).toBeNull();
    expect(migrateLabHistoryV1(null, [])).toBeNull();
    expect(labKey({ profileId: 'p', brokerUrl: 'mqtt://a:1' })).toBe('profile:p');
    expect(labKey({ brokerUrl: 'mqtt://a:1' })).toBe('broker:mqtt://a:1');
  });
});
