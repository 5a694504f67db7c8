/** Trust #16: which of the adopted connections a freshly loaded page shows. */
import { describe, expect, it } from 'vitest';
import type { ConnectionStatus } from '../../electron/contract';
import { preferredConnection } from '../../src/connections/preferred-connection';

function status(connectionId: string, state: ConnectionStatus['state'], since = 1): ConnectionStatus {
  return {
    connectionId,
    state,
    reason: { key: 'state.notYet', params: {} },
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
});
