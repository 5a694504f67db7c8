import type { PacketRecord } from '../../electron/contract';

export interface KeepaliveSnapshot {
  /** Epoch ms of the newest packet we sent: where the broker's keepalive clock starts. */
  lastOutAt: number | null;
  lastPingReqAt: number | null;
  lastPingRespAt: number | null;
  /** Round trip of the newest PINGREQ → PINGRESP pair. */
  lastPingRttMs: number | null;
  /** The newest round trips, oldest first, for the chart. */
  pingRtts: readonly number[];
}

/** Enough pings to see a trend in a sidebar chart. */
const RTT_HISTORY = 40;

const EMPTY: KeepaliveSnapshot = {
  pingRtts: [],
  lastOutAt: null,
  lastPingReqAt: null,
  lastPingRespAt: null,
  lastPingRttMs: null,
};

/**
 * Per connection, the few packet times the keepalive panel shows, folded from packet
 * batches as they arrive: the panel re-renders per batch, never per packet.
 */
function createKeepaliveStore() {
  const byConnection = new Map<string, KeepaliveSnapshot>();
  const listeners = new Set<() => void>();

  return {
    ingest(connectionId: string, packets: PacketRecord[]): void {
      let next = byConnection.get(connectionId) ?? EMPTY;
      for (const p of packets) {
        if (p.direction === 'out') next = { ...next, lastOutAt: p.at };
        if (p.type === 'pingreq') next = { ...next, lastPingReqAt: p.at };
        if (p.type === 'pingresp') {
          const rtt = next.lastPingReqAt === null ? null : Math.round(p.at - next.lastPingReqAt);
          const pingRtts = rtt === null ? next.pingRtts : [...next.pingRtts, rtt].slice(-RTT_HISTORY);
          next = { ...next, lastPingRespAt: p.at, lastPingRttMs: rtt, pingRtts };
        }
      }
      byConnection.set(connectionId, next);
      for (const listener of listeners) listener();
    },
    get(connectionId: string | null): KeepaliveSnapshot {
      return (connectionId && byConnection.get(connectionId)) || EMPTY;
    },
    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export const keepaliveStore = createKeepaliveStore();
