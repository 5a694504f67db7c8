/** Trust #16: which adopted connection a freshly loaded page shows, and removal from the cache. */
import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import type { ConnectionStatus } from '../../electron/contract';
import {
  connectionKeys,
  preferredConnection,
  removeStatus,
  upsertStatus,
} from '../../src/connections/connection-cache';

function status(connectionId: string, state: ConnectionStatus['state'], since = 1): ConnectionStatus {
  return {
    connectionId,
    state,
    reason: '',
    url: 'mqtt://127.0.0.1:1883',
    clientId: connectionId,
    protocolVersion: '5.0',
    keepaliveSeconds: 60,
    insecure: false,
    since,
  };
}

describe('adopting the engine connections on load (Trust #16)', () => {
  it('shows the newest running connection, else the newest closed one, else none', () => {
    expect(
      preferredConnection([
        status('a', 'connected'),
        status('b', 'reconnecting'),
        status('c', 'disconnected'),
      ]),
    ).toBe('b');
    expect(preferredConnection([status('a', 'failed'), status('b', 'disconnected')])).toBe('b');
    expect(preferredConnection([])).toBeNull();
  });

  it('drops a removed connection from the cached list, leaving the others', () => {
    const client = new QueryClient();
    upsertStatus(client, status('a', 'connected'));
    upsertStatus(client, status('b', 'disconnected'));
    removeStatus(client, 'b');
    expect(client.getQueryData<ConnectionStatus[]>(connectionKeys.list)?.map((s) => s.connectionId)).toEqual([
      'a',
    ]);
  });
});
