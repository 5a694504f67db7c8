/**
 * Issue 12 ("decode lazily, never on the socket path"): the Sparkplug state is built from the
 * kept log when asked, in slices, up to what was kept then; a clear starts it over.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_STREAM_LIMITS } from '../../electron/contract';
import { PayloadCodecs } from '../../electron/engine/codecs/payload-codecs';
import type { ConnectionManager } from '../../electron/engine/connection-manager';
import { PresetStore } from '../../electron/engine/presets/preset-store';
import { decodedValueHandlers } from '../../electron/engine/sparkplug/decoded-handlers';
import { MessageStreams } from '../../electron/engine/stream/message-streams';
import { nodeBirth, encodeTahu } from '../support/sparkplug-fixture';

// The log keeps plain ArrayBuffer-backed bytes, as the connection copies them off the socket.
const own = (bytes: Uint8Array) => new Uint8Array(bytes);
const data = (seq: number) =>
  own(encodeTahu({ seq, metrics: [{ name: 'Count', datatype: 7, int_value: seq }] }));

describe('Sparkplug state catch-up', () => {
  // Issue 12 #3: state from the kept log, taken in order across slices.
  it('takes every kept message in order, however many, and starts over after a clear', async () => {
    const streams = new MessageStreams();
    const stream = streams.create('c');
    // Only the streams are read: the rest of the manager is for the rebirth publish.
    const manager = { streams } as unknown as ConnectionManager;
    const codecs = new PayloadCodecs(new PresetStore(undefined, async () => []), () => streams);
    const handlers = decodedValueHandlers(manager, codecs);
    const at = (i: number) => ({ qos: 0 as const, retain: false, receivedAt: i });
    stream.ingest([{ topic: 'spBv1.0/G/NBIRTH/e', payload: own(nodeBirth(1)), ...at(0) }]);
    const count = 3000;
    stream.ingest(
      Array.from({ length: count }, (_, i) => ({
        topic: i % 2 ? 'other/topic' : 'spBv1.0/G/NDATA/e',
        payload: i % 2 ? new Uint8Array([1]) : data((i / 2 + 1) % 256),
        ...at(i + 1),
      })),
    );
    expect(DEFAULT_STREAM_LIMITS.maxMessages).toBeGreaterThan(count);
    const state = await handlers['sparkplug.state']({ connectionId: 'c' });
    expect(state.processedSeq).toBe(count + 1);
    const node = state.groups[0]?.nodes[0];
    expect(node?.gaps).toEqual([]);
    expect(node?.metrics.find((m) => m.name === 'Count')?.value).toBe((count / 2) % 256);

    stream.clear();
    stream.ingest([{ topic: 'spBv1.0/H/NDATA/x', payload: data(1), ...at(1) }]);
    const fresh = await handlers['sparkplug.state']({ connectionId: 'c' });
    expect(fresh.groups.map((g) => g.id)).toEqual(['H']);
    expect(fresh.groups[0]?.nodes[0]?.rebirth?.reason).toBe('no-birth');
  });
});
