/**
 * Issue 12 #1 and #2: payloads published by the real mosquitto_pub (-f, the bytes the
 * reference encoders made) reach the engine and decode there, by binding (MessagePack, CBOR,
 * Protobuf) and by the spBv1.0 namespace (Sparkplug B, names from the kept DBIRTH).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encode as msgpackEncode } from '@msgpack/msgpack';
import { Encoder } from 'cbor-x';
import protobuf from 'protobufjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DecodedPayload } from '../../electron/contract';
import { MOSQUITTO_MISSING, mosquittoAvailable } from '../support/mosquitto';
import { mosquittoPubFile } from '../support/mosquitto-burst';
import { useEngineSession } from '../support/engine-session';
import { deviceBirth, deviceData } from '../support/sparkplug-fixture';
import { englishOf } from '../support/english';

const available = mosquittoAvailable();
if (!available) console.warn(MOSQUITTO_MISSING);

const PROTO = 'syntax = "proto3";\npackage acme;\nmessage T { string id = 1; double v = 2; uint64 n = 3; }\n';
const PROFILE = 'codec-profile';
const WAIT = { timeout: 15_000, interval: 50 };

describe.skipIf(!available)('payload codecs against a real Mosquitto', () => {
  const session = useEngineSession();
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mqscope-codecs-'));
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function publishBytes(topic: string, bytes: Uint8Array): Promise<void> {
    const file = join(dir, `${topic.replace(/\W+/g, '_')}.bin`);
    await writeFile(file, bytes);
    await mosquittoPubFile(session.broker, topic, file);
  }

  /** Waits until the topic's last message is kept, then decodes it as the detail pane asks. */
  function decoded(connectionId: string, topic: string): Promise<DecodedPayload> {
    return vi.waitFor(
      () => session.call('payload.decode', { connectionId, target: { topic }, profileId: PROFILE }),
      WAIT,
    );
  }

  /** The profile's bindings and .proto file; each test saves them, so each runs alone too. */
  async function saveFormats(): Promise<void> {
    await session.call('payloadFormats.save', {
      profileId: PROFILE,
      topicSchemas: [],
      codecBindings: [
        { pattern: 'codec/msgpack', codec: 'msgpack' },
        { pattern: 'codec/cbor/+', codec: 'cbor' },
        { pattern: 'codec/pb', codec: 'protobuf', messageType: 'acme.T' },
      ],
      protoFiles: [{ name: 'acme.proto', text: PROTO }],
    });
  }

  it('decodes MessagePack, CBOR and Protobuf by binding, and Sparkplug B by namespace', async () => {
    await saveFormats();
    const connectionId = await session.openConnected(session.tcp());
    await session.call('subscription.add', { connectionId, filter: 'codec/#', qos: 1 });
    await session.call('subscription.add', { connectionId, filter: 'spBv1.0/#', qos: 1 });

    const root = protobuf.parse(PROTO, { keepCase: true }).root;
    const T = root.lookupType('acme.T');
    await publishBytes('codec/msgpack', msgpackEncode({ temp: 21.5, big: 2n ** 60n }, { useBigInt64: true }));
    await publishBytes(
      'codec/cbor/1',
      new Encoder({ useRecords: false }).encode({ ok: true, raw: new Uint8Array([9]) }),
    );
    await publishBytes(
      'codec/pb',
      T.encode(T.fromObject({ id: 'x', v: 2.5, n: '9007199254740993' })).finish(),
    );
    await publishBytes('spBv1.0/Plant/DBIRTH/edge1/pump', deviceBirth(0));
    await publishBytes('spBv1.0/Plant/DDATA/edge1/pump', deviceData(1, 23.25));

    const msgpack = await decoded(connectionId, 'codec/msgpack');
    expect(msgpack.choice).toEqual({ codec: 'msgpack', source: 'binding' });
    expect(msgpack.result).toMatchObject({ ok: true, value: { temp: 21.5, big: '1152921504606846976' } });
    expect(JSON.parse(msgpack.text)).toEqual({ temp: 21.5, big: '1152921504606846976' });

    const cbor = await decoded(connectionId, 'codec/cbor/1');
    expect(cbor.result).toMatchObject({ ok: true, value: { ok: true, raw: '09' } });

    const pb = await decoded(connectionId, 'codec/pb');
    expect(pb.choice).toEqual({ codec: 'protobuf', messageType: 'acme.T', source: 'binding' });
    expect(pb.result).toMatchObject({ ok: true, value: { id: 'x', v: 2.5, n: '9007199254740993' } });

    const data = await decoded(connectionId, 'spBv1.0/Plant/DDATA/edge1/pump');
    expect(data.choice).toEqual({ codec: 'sparkplugb', source: 'namespace' });
    expect(data.aliasesFrom).toBe('spBv1.0/Plant/DBIRTH/edge1/pump');
    expect(data.result).toMatchObject({
      ok: true,
      value: { seq: 1, metrics: [{ name: 'Temperature', alias: 1, value: 23.25 }] },
    });

    // "Decode as…": the same bytes under another codec answer with the reason and offset.
    const wrong = await session.call('payload.decode', {
      connectionId,
      target: { topic: 'codec/pb' },
      profileId: PROFILE,
      as: { codec: 'cbor' },
    });
    expect(wrong.choice?.source).toBe('override');
    expect(wrong.result).toMatchObject({ ok: false, codec: 'cbor' });
    expect(wrong.result?.ok === false && englishOf(wrong.result.text)).toMatch(/at byte \d+/);
  });

  it("encodes JSON for publishing with the profile's .proto, naming a wrong field", async () => {
    await saveFormats();
    const encoded = await session.call('payload.encode', {
      profileId: PROFILE,
      codec: 'protobuf',
      messageType: 'acme.T',
      text: '{"id":"a","v":1}',
    });
    const T = protobuf.parse(PROTO, { keepCase: true }).root.lookupType('acme.T');
    expect(
      encoded.ok && Buffer.from(encoded.bytes).equals(Buffer.from(T.encode({ id: 'a', v: 1 }).finish())),
    ).toBe(true);
    const refused = await session.call('payload.encode', {
      profileId: PROFILE,
      codec: 'protobuf',
      messageType: 'acme.T',
      text: '{"nope":1}',
    });
    expect(refused).toMatchObject({ ok: false, path: 'nope' });
  });
});
