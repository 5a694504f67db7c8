import type { PacketRecord } from '../../electron/contract';
import type { ReadableStore } from '../api/store';

export interface PacketSnapshot {
  /** The connection whose packets these are; null while the timeline is hidden. */
  connectionId: string | null;
  packets: readonly PacketRecord[];
  /** Older packets the engine's ring let go before we listed it. */
  engineDropped: number;
  /** Older packets this view let go to stay within its limit. */
  viewDropped: number;
  /** Packets the engine kept but did not stream live (a burst beyond its batch size). */
  notStreamed: number;
}

export const PACKET_VIEW_LIMIT = 5000;

export interface PacketStore extends ReadableStore<PacketSnapshot> {
  /** Start following one connection (or none): forgets what was shown before. */
  follow(connectionId: string | null): void;
  /** The engine's ring, as `packets.list` answered; merged with batches that came meanwhile. */
  load(connectionId: string, listed: { packets: PacketRecord[]; dropped: number }): void;
  append(connectionId: string, batch: readonly PacketRecord[]): void;
}

const EMPTY: PacketSnapshot = {
  connectionId: null,
  packets: [],
  engineDropped: 0,
  viewDropped: 0,
  notStreamed: 0,
};

/**
 * The packet timeline's data, outside React like the message store: batches land here and
 * the view reads snapshots. Packets are keyed by the engine's per-connection `seq`, so a
 * list and a batch that overlap never show a packet twice, and a gap in `seq` is counted.
 */
export function createPacketStore(limit = PACKET_VIEW_LIMIT): PacketStore {
  let snapshot = EMPTY;
  const listeners = new Set<() => void>();
  const publish = (next: PacketSnapshot) => {
    snapshot = next;
    for (const listener of listeners) listener();
  };
  const bounded = (packets: PacketRecord[], base: PacketSnapshot): PacketSnapshot => {
    const excess = Math.max(0, packets.length - limit);
    return {
      ...base,
      packets: excess > 0 ? packets.slice(excess) : packets,
      viewDropped: base.viewDropped + excess,
    };
  };

  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => snapshot,
    follow(connectionId) {
      if (connectionId === snapshot.connectionId && connectionId !== null) return;
      publish({ ...EMPTY, connectionId });
    },
    load(connectionId, listed) {
      if (connectionId !== snapshot.connectionId) return;
      const lastListed = listed.packets[listed.packets.length - 1]?.seq ?? 0;
      const newer = snapshot.packets.filter((p) => p.seq > lastListed);
      publish(bounded([...listed.packets, ...newer], { ...snapshot, engineDropped: listed.dropped }));
    },
    append(connectionId, batch) {
      if (connectionId !== snapshot.connectionId || batch.length === 0) return;
      const last = snapshot.packets[snapshot.packets.length - 1]?.seq ?? 0;
      const fresh = batch.filter((p) => p.seq > last);
      if (fresh.length === 0) return;
      // Before the first list answers, `last` is 0 and no gap can be judged.
      let notStreamed = snapshot.notStreamed;
      let expected = last === 0 ? (fresh[0]?.seq ?? 0) : last + 1;
      for (const p of fresh) {
        if (p.seq > expected) notStreamed += p.seq - expected;
        expected = p.seq + 1;
      }
      publish(bounded([...snapshot.packets, ...fresh], { ...snapshot, notStreamed }));
    },
  };
}

/** The page's one packet store. */
export const packetStore = createPacketStore();
