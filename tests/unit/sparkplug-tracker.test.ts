/**
 * Issue 12 #3 (seq wrap and gaps, bdSeq matching) on the tracker alone, with payloads built
 * from the upstream Tahu `.proto` by protobufjs, not by MQScope's codec.
 */
import { describe, expect, it } from 'vitest';
import { SparkplugTracker, parseSparkplugTopic } from '../../electron/engine/sparkplug/tracker';
import { BIRTH_TIME, encodeTahu } from '../support/sparkplug-fixture';

const data = (seq: number) =>
  encodeTahu({ timestamp: BIRTH_TIME, seq, metrics: [{ name: 'Count', datatype: 3, int_value: seq }] });
const birth = (bdSeq: number) =>
  encodeTahu({ timestamp: BIRTH_TIME, seq: 0, metrics: [{ name: 'bdSeq', datatype: 8, long_value: bdSeq }] });
const death = (bdSeq: number) =>
  encodeTahu({ timestamp: BIRTH_TIME, metrics: [{ name: 'bdSeq', datatype: 8, long_value: bdSeq }] });

describe('Sparkplug tracker', () => {
  // Issue 12 #3: seq gaps, 0–255 wrapping.
  it('counts seq 0–255 and wraps to 0 without a gap; a skip is a gap', () => {
    const tracker = new SparkplugTracker(1);
    let n = 0;
    const take = (topic: string, payload: Uint8Array) =>
      tracker.take({ seq: ++n, topic, payload, receivedAt: BIRTH_TIME + n });
    take('spBv1.0/G/NBIRTH/e', birth(0));
    for (let seq = 1; seq <= 255; seq++) take('spBv1.0/G/NDATA/e', data(seq));
    take('spBv1.0/G/NDATA/e', data(0));
    take('spBv1.0/G/NDATA/e', data(1));
    expect(tracker.state().groups[0]?.nodes[0]?.gaps).toEqual([]);
    take('spBv1.0/G/NDATA/e', data(3));
    expect(tracker.state().groups[0]?.nodes[0]?.gaps).toEqual([
      expect.objectContaining({ expected: 2, received: 3, seq: n }),
    ]);
  });

  // Issue 12 #3: bdSeq matching between NBIRTH and NDEATH.
  it('takes a node offline only with the NDEATH whose bdSeq matches its birth', () => {
    const tracker = new SparkplugTracker(1);
    tracker.take({ seq: 1, topic: 'spBv1.0/G/NBIRTH/e', payload: birth(4), receivedAt: 1 });
    tracker.take({ seq: 2, topic: 'spBv1.0/G/NDEATH/e', payload: death(3), receivedAt: 2 });
    expect(tracker.state().groups[0]?.nodes[0]).toMatchObject({
      online: true,
      staleDeath: { bdSeq: 3, expected: 4 },
    });
    tracker.take({ seq: 3, topic: 'spBv1.0/G/NDEATH/e', payload: death(4), receivedAt: 3 });
    expect(tracker.state().groups[0]?.nodes[0]?.online).toBe(false);
  });

  // Issue 12 #2: an NBIRTH starts a new session; its devices need their own birth in it.
  it("takes devices offline at their node's new birth until each is born again", () => {
    const tracker = new SparkplugTracker(1);
    const dbirth = encodeTahu({
      timestamp: BIRTH_TIME,
      seq: 1,
      metrics: [{ name: 'Temp', alias: 7, datatype: 9, float_value: 20 }],
    });
    const ddata = (seq: number) =>
      encodeTahu({ timestamp: BIRTH_TIME, seq, metrics: [{ alias: 7, datatype: 9, float_value: 21 }] });
    const device = () => tracker.state().groups[0]?.nodes[0]?.devices[0];
    tracker.take({ seq: 1, topic: 'spBv1.0/G/NBIRTH/e', payload: birth(0), receivedAt: 1 });
    tracker.take({ seq: 2, topic: 'spBv1.0/G/DBIRTH/e/d', payload: dbirth, receivedAt: 2 });
    tracker.take({ seq: 3, topic: 'spBv1.0/G/DDATA/e/d', payload: ddata(2), receivedAt: 3 });
    expect(device()).toMatchObject({ online: true, birthSeq: 2 });
    expect(device()?.rebirth).toBeUndefined();
    // The node restarts (a new bdSeq): the device is not online again until its DBIRTH.
    tracker.take({ seq: 4, topic: 'spBv1.0/G/NBIRTH/e', payload: birth(1), receivedAt: 4 });
    expect(device()?.online).toBe(false);
    expect(device()?.metrics).toEqual([expect.objectContaining({ name: 'Temp', value: 21 })]);
    // DATA with the old alias, before the new DBIRTH, cannot be read: rebirth needed.
    tracker.take({ seq: 5, topic: 'spBv1.0/G/DDATA/e/d', payload: ddata(1), receivedAt: 5 });
    expect(device()?.rebirth).toMatchObject({ reason: 'no-birth', seq: 5 });
    tracker.take({ seq: 6, topic: 'spBv1.0/G/DBIRTH/e/d', payload: dbirth, receivedAt: 6 });
    expect(device()).toMatchObject({ online: true, birthSeq: 6 });
    expect(device()?.rebirth).toBeUndefined();
  });

  // Issue 12 #3: the namespace's topic shape.
  it('reads only well-formed Sparkplug topics', () => {
    expect(parseSparkplugTopic('spBv1.0/G/DDATA/e/d')).toEqual({
      group: 'G',
      kind: 'DDATA',
      node: 'e',
      device: 'd',
    });
    expect(parseSparkplugTopic('spBv1.0/G/DDATA/e')).toBeNull();
    expect(parseSparkplugTopic('spBv1.0/G/NDATA/e/d')).toBeNull();
    expect(parseSparkplugTopic('spBv1.0/STATE/host')).toBeNull();
    expect(parseSparkplugTopic('spBv1.0/G/XDATA/e')).toBeNull();
  });
});
