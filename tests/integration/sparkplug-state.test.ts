/**
 * Issue 12 #3 and #4: Sparkplug B as state and decoded values beyond the detail pane, with
 * payloads built by protobufjs from the upstream Tahu `.proto` (not MQScope's codec) and
 * published by the real mosquitto_pub; the NCMD rebirth is received by mosquitto_sub and
 * decoded with that same independent schema.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encode as msgpackEncode } from '@msgpack/msgpack';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SparkplugNode, SparkplugState } from '../../electron/contract';
import { MOSQUITTO_MISSING, mosquittoAvailable } from '../support/mosquitto';
import { mosquittoPubFile } from '../support/mosquitto-burst';
import { formatSub } from '../support/mosquitto-format-sub';
import { useEngineSession } from '../support/engine-session';
import {
  BIRTH_TIME,
  TahuPayload,
  deviceBirth,
  deviceData,
  encodeTahu,
  nodeBirth,
  nodeDeath,
} from '../support/sparkplug-fixture';
import { englishOf } from '../support/english';

const available = mosquittoAvailable();
if (!available) console.warn(MOSQUITTO_MISSING);

const WAIT = { timeout: 15_000, interval: 50 };

function nodeData(seq: number, alias: number): Uint8Array {
  return encodeTahu({ timestamp: BIRTH_TIME, seq, metrics: [{ alias, datatype: 7, int_value: 9 }] });
}

describe.skipIf(!available)('Sparkplug B state against a real Mosquitto', () => {
  const session = useEngineSession();
  let dir: string;
  let files = 0;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mqscope-sparkplug-'));
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function publish(
    topic: string,
    bytes: Uint8Array,
    properties: readonly (readonly string[])[] = [],
  ): Promise<void> {
    const file = join(dir, `${++files}.bin`);
    await writeFile(file, bytes);
    await mosquittoPubFile(session.broker, topic, file, { properties });
  }

  async function connected(): Promise<string> {
    const connectionId = await session.openConnected(session.tcp());
    await session.call('subscription.add', { connectionId, filter: 'spBv1.0/#', qos: 1 });
    return connectionId;
  }

  /** Waits for the engine to have kept `count` messages, then reads the state. */
  async function stateAfter(connectionId: string, count: number): Promise<SparkplugState> {
    await vi.waitFor(async () => {
      const poll = await session.call('stream.poll', { connectionId });
      expect(poll.stats.received).toBeGreaterThanOrEqual(count);
    }, WAIT);
    return session.call('sparkplug.state', { connectionId });
  }

  const nodeOf = (state: SparkplugState, group: string, id: string): SparkplugNode | undefined =>
    state.groups.find((g) => g.id === group)?.nodes.find((n) => n.id === id);

  // Issue 12 #3 (birth aliases, seq gaps, bdSeq) and #4 (previews, charts, search).
  it('tracks births, aliases, seq gaps and bdSeq-matched deaths', async () => {
    const connectionId = await connected();
    await publish('spBv1.0/Plant/NBIRTH/edge1', nodeBirth(7));
    await publish('spBv1.0/Plant/DBIRTH/edge1/pump', deviceBirth(1));
    await publish('spBv1.0/Plant/DDATA/edge1/pump', deviceData(2, 22.5));
    // Seq 3 and 4 never came: a gap (issue 12 #3, seq gaps).
    await publish('spBv1.0/Plant/DDATA/edge1/pump', deviceData(5, 23.75));

    let state = await stateAfter(connectionId, 4);
    let node = nodeOf(state, 'Plant', 'edge1');
    expect(node).toMatchObject({ online: true, bdSeq: 7, lastPayloadSeq: 5 });
    expect(node?.gaps).toEqual([expect.objectContaining({ expected: 3, received: 5 })]);
    expect(node?.metrics.map((m) => m.name)).toEqual(['bdSeq', 'Node Control/Rebirth', 'Uptime']);
    const pump = node?.devices.find((d) => d.id === 'pump');
    expect(pump?.online).toBe(true);
    // DATA carried alias 1 only; the name and datatype come from the DBIRTH.
    expect(pump?.metrics.find((m) => m.alias === '1')).toMatchObject({
      name: 'Temperature',
      datatype: 'Float',
      value: 23.75,
    });
    expect(pump?.rebirth).toBeUndefined();

    // An NDEATH from an older session (bdSeq 6) must not take the node down (bdSeq matching).
    await publish('spBv1.0/Plant/NDEATH/edge1', nodeDeath(6));
    state = await stateAfter(connectionId, 5);
    node = nodeOf(state, 'Plant', 'edge1');
    expect(node?.online).toBe(true);
    expect(node?.staleDeath).toMatchObject({ bdSeq: 6, expected: 7 });

    await publish('spBv1.0/Plant/NDEATH/edge1', nodeDeath(7));
    state = await stateAfter(connectionId, 6);
    node = nodeOf(state, 'Plant', 'edge1');
    expect(node?.online).toBe(false);
    expect(node?.devices.find((d) => d.id === 'pump')?.online).toBe(false);

    // Previews name the metric too, computed only for the rows asked for.
    const summaries = await session.call('messages.match', {
      connectionId,
      match: { mode: 'wildcard', text: 'spBv1.0/Plant/DDATA/edge1/pump' },
    });
    const previews = await session.call('payload.previews', { connectionId, seqs: summaries.seqs });
    expect(previews).toHaveLength(2);
    expect(previews[1]).toMatchObject({
      codec: 'sparkplugb',
      sparkplug: {
        kind: 'DDATA',
        payloadSeq: 5,
        count: 1,
        metrics: [{ name: 'Temperature', value: '23.75' }],
      },
    });
    expect(previews[1]?.sparkplug?.noBirth).toBe(false);

    // Charts: the decoded metric by name, though the DATA carries its alias only.
    const series = await session.call('messages.series', {
      connectionId,
      topic: 'spBv1.0/Plant/DDATA/edge1/pump',
      decoded: { metric: 'Temperature' },
    });
    expect(series.v).toEqual([22.5, 23.75]);

    // Search: "Temperature" is not in the DATA's bytes, only in its decoded JSON.
    const raw = await session.call('messages.search', {
      connectionId,
      within: 'spBv1.0/Plant/DDATA/#',
      payload: { text: 'Temperature' },
    });
    expect(raw.seqs).toEqual([]);
    const decoded = await session.call('messages.search', {
      connectionId,
      within: 'spBv1.0/Plant/DDATA/#',
      payload: { text: '"Temperature"' },
      decoded: {},
    });
    expect(decoded.seqs).toEqual(summaries.seqs);
  });

  // Issue 12 #3: rebirth needed, and the one-click NCMD rebirth.
  it('marks DATA before a birth and unknown aliases as rebirth needed, and sends the NCMD rebirth', async () => {
    const connectionId = await connected();
    await publish('spBv1.0/Line/DDATA/edge2/valve', deviceData(4, 1));
    let state = await stateAfter(connectionId, 1);
    let node = nodeOf(state, 'Line', 'edge2');
    expect(node?.devices[0]).toMatchObject({ id: 'valve', online: null, rebirth: { reason: 'no-birth' } });
    const early = await session.call('payload.previews', { connectionId, seqs: [state.processedSeq] });
    expect(early[0]?.sparkplug).toMatchObject({ noBirth: true, unknownAliases: 1 });

    await publish('spBv1.0/Line/NBIRTH/edge2', nodeBirth(1));
    await publish('spBv1.0/Line/NDATA/edge2', nodeData(1, 99));
    state = await stateAfter(connectionId, 3);
    node = nodeOf(state, 'Line', 'edge2');
    expect(node?.rebirth).toMatchObject({ reason: 'unknown-alias', alias: '99' });

    const sub = await formatSub(session.broker, 'spBv1.0/Line/NCMD/edge2');
    try {
      const sent = await session.call('sparkplug.rebirth', { connectionId, group: 'Line', node: 'edge2' });
      expect(sent.topic).toBe('spBv1.0/Line/NCMD/edge2');
      const [line] = await sub.until(1, 15_000);
      const [topic, qos, retain, hex] = (line ?? '').split('\t');
      expect([topic, qos, retain]).toEqual(['spBv1.0/Line/NCMD/edge2', '0', '0']);
      const payload = TahuPayload.toObject(TahuPayload.decode(Buffer.from(hex ?? '', 'hex')));
      expect(payload.metrics).toEqual([
        expect.objectContaining({ name: 'Node Control/Rebirth', datatype: 11, boolean_value: true }),
      ]);
    } finally {
      sub.stop();
    }

    // A group or node id that is not one topic level is refused before anything is sent.
    const refused = await session.callError('sparkplug.rebirth', { connectionId, group: 'a/b', node: 'x' });
    expect(refused.code).toBe('invalid-input');
  });

  // Issue 12, bad input: a payload that does not decode shows the error, never a crash.
  it('answers truncated and garbage Sparkplug payloads with a decode error, never a throw', async () => {
    const connectionId = await connected();
    const birth = nodeBirth(3);
    await publish('spBv1.0/Bad/NBIRTH/edge3', birth.subarray(0, birth.length - 4));
    await publish('spBv1.0/Bad/NDATA/edge3', new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x0f, 0x08]));
    const state = await stateAfter(connectionId, 2);
    expect(state.errors).toHaveLength(2);
    for (const error of state.errors) expect(englishOf(error.text)).toMatch(/Sparkplug B/);
    expect(nodeOf(state, 'Bad', 'edge3')?.lastError?.topic).toBe('spBv1.0/Bad/NDATA/edge3');
    const previews = await session.call('payload.previews', {
      connectionId,
      seqs: state.errors.map((e) => e.seq),
    });
    // Issue 14 #2: the decoder's reason is a key, worded by the renderer.
    expect(previews.map((p) => p.error?.key)).toEqual([
      expect.stringMatching(/^codec\.notSparkplug/),
      expect.stringMatching(/^codec\.notSparkplug/),
    ]);
  });

  // Issue 12 #4: decoded everywhere, for a codec chosen by the MQTT 5 content type.
  it('previews, searches and charts inside a MessagePack payload by its content type', async () => {
    const connectionId = await session.openConnected(session.tcp({ protocolVersion: '5.0' }));
    await session.call('subscription.add', { connectionId, filter: 'pack/#', qos: 1 });
    const typed = [['content-type', 'application/msgpack']] as const;
    await publish('pack/t', msgpackEncode({ room: 'kitchen', t: 21.5 }), typed);
    await publish('pack/t', msgpackEncode({ room: 'kitchen', t: 22 }), typed);
    const { seqs } = await vi.waitFor(async () => {
      const found = await session.call('messages.match', { connectionId, match: { text: 'pack/t' } });
      expect(found.seqs).toHaveLength(2);
      return found;
    }, WAIT);

    const previews = await session.call('payload.previews', { connectionId, seqs });
    expect(previews.map((p) => p.json)).toEqual(['{"room":"kitchen","t":21.5}', '{"room":"kitchen","t":22}']);

    // A JSON path inside the decoded value (the bytes themselves are not JSON).
    const raw = await session.call('messages.series', { connectionId, topic: 'pack/t', path: 't' });
    expect(raw.v).toEqual([null, null]);
    const decoded = await session.call('messages.series', {
      connectionId,
      topic: 'pack/t',
      path: 't',
      decoded: {},
    });
    expect(decoded.v).toEqual([21.5, 22]);

    const search = await session.call('messages.search', {
      connectionId,
      payload: { text: '"t":22', mode: 'contains' },
      decoded: {},
    });
    expect(search.seqs).toEqual([seqs[1]]);
  });

  // Issue 12 #3: online/offline from the node's will.
  it("takes a node offline by its will: the NDEATH the broker publishes when the edge node's link dies", async () => {
    const connectionId = await connected();
    // An edge node of its own (mqtt.js, not MQScope's engine): NDEATH with bdSeq 4 as its will.
    const edge = mqtt.connect({
      host: session.broker.host,
      port: session.broker.ports.mqtt,
      username: session.broker.username,
      password: session.broker.password,
      clientId: `edge-will-${Date.now()}`,
      reconnectPeriod: 0,
      will: { topic: 'spBv1.0/Will/NDEATH/edge4', payload: Buffer.from(nodeDeath(4)), qos: 1, retain: false },
    });
    try {
      await new Promise<void>((resolve, reject) => {
        edge.once('connect', () => resolve());
        edge.once('error', reject);
      });
      await edge.publishAsync('spBv1.0/Will/NBIRTH/edge4', Buffer.from(nodeBirth(4)), { qos: 1 });
      let state = await stateAfter(connectionId, 1);
      expect(nodeOf(state, 'Will', 'edge4')).toMatchObject({ online: true, bdSeq: 4 });
      // The link dies without a DISCONNECT: the broker sends the will.
      edge.stream.destroy();
      await vi.waitFor(async () => {
        state = await session.call('sparkplug.state', { connectionId });
        expect(nodeOf(state, 'Will', 'edge4')?.online).toBe(false);
      }, WAIT);
    } finally {
      edge.end(true);
    }
  });
});
