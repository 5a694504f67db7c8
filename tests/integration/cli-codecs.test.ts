/**
 * Issue 12 #5 (encoding when publishing) through `mqscope pub --format …` and decoding through
 * `mqscope sub --decode …`, against a real Mosquitto: a `mosquitto_sub -F %x` on the other
 * side receives exactly the bytes the reference encoders produce.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encode as msgpackEncode } from '@msgpack/msgpack';
import { Encoder } from 'cbor-x';
import protobuf from 'protobufjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Io } from '../../electron/cli/io';
import { main } from '../../electron/cli/main';
import {
  MOSQUITTO_MISSING,
  mosquittoAvailable,
  startMosquitto,
  type MosquittoBroker,
} from '../support/mosquitto';
import { mosquittoPubFile } from '../support/mosquitto-burst';
import { oneMessageHex } from '../support/mosquitto-format-sub';

const available = mosquittoAvailable();
if (!available) console.warn(MOSQUITTO_MISSING);

const PROTO = 'syntax = "proto3";\npackage acme;\nmessage T { string id = 1; double v = 2; }\n';

async function cli(argv: string[], env: NodeJS.ProcessEnv) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const io: Io = { stdout: (line) => stdout.push(line), stderr: (line) => stderr.push(line), env };
  return { code: await main(argv, io), stdout, stderr };
}

describe.skipIf(!available)('mqscope pub/sub with codecs', () => {
  let broker: MosquittoBroker;
  let dir: string;
  let url: string;
  const auth = () => ['--user', broker.username, '--password-env', 'MQ_PW'];
  const env = () => ({ MQ_PW: broker.password });

  beforeAll(async () => {
    broker = await startMosquitto();
    url = `mqtt://${broker.host}:${broker.ports.mqtt}`;
    dir = await mkdtemp(join(tmpdir(), 'mqscope-cli-codecs-'));
    await writeFile(join(dir, 'acme.proto'), PROTO);
  });
  afterAll(async () => {
    await broker?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it.each([
    ['msgpack', [], () => msgpackEncode({ t: 21.5, on: true })],
    ['cbor', [], () => new Encoder({ useRecords: false }).encode({ t: 21.5, on: true })],
  ] as const)('pub --format %s sends the reference encoding', async (format, extra, reference) => {
    const topic = `cli-codecs/${format}/${randomBytes(3).toString('hex')}`;
    const sent = await cli(
      ['pub', url, ...auth(), '-t', topic, '-m', '{"t":21.5,"on":true}', '--format', format, '-r', ...extra],
      env(),
    );
    expect(sent.code, sent.stderr.join('\n')).toBe(0);
    expect(await oneMessageHex(broker, topic)).toBe(Buffer.from(reference()).toString('hex'));
  });

  it('pub --format protobuf uses --proto and --type, and refuses a field the type lacks with its path', async () => {
    const topic = `cli-codecs/pb/${randomBytes(3).toString('hex')}`;
    const proto = ['--proto', join(dir, 'acme.proto'), '--type', 'acme.T'];
    const sent = await cli(
      ['pub', url, ...auth(), '-t', topic, '-m', '{"id":"a","v":2}', '--format', 'protobuf', '-r', ...proto],
      env(),
    );
    expect(sent.code, sent.stderr.join('\n')).toBe(0);
    const T = protobuf.parse(PROTO, { keepCase: true }).root.lookupType('acme.T');
    expect(await oneMessageHex(broker, topic)).toBe(
      Buffer.from(T.encode({ id: 'a', v: 2 }).finish()).toString('hex'),
    );

    const refused = await cli(
      ['pub', url, ...auth(), '-t', topic, '-m', '{"nope":1}', '--format', 'protobuf', ...proto],
      env(),
    );
    expect(refused.code).toBe(2);
    expect(refused.stderr.join('\n')).toContain('nope: T has no field "nope"');
  });

  it('sub --decode prints MessagePack as JSON, and auto-detects by content type', async () => {
    const topic = `cli-codecs/sub/${randomBytes(3).toString('hex')}`;
    const file = join(dir, 'sub.msgpack');
    await writeFile(file, msgpackEncode({ device: 'd1', big: 2n ** 60n }, { useBigInt64: true }));
    await mosquittoPubFile(broker, topic, file, {
      retain: true,
      properties: [['content-type', 'application/msgpack']],
    });

    const explicit = await cli(
      ['sub', url, ...auth(), '-t', topic, '--decode', 'msgpack', '-C', '1', '-W', '20'],
      env(),
    );
    expect(explicit.code, explicit.stderr.join('\n')).toBe(0);
    expect(explicit.stdout).toEqual([`${topic} {"device":"d1","big":"1152921504606846976"}`]);

    const auto = await cli(
      [
        'sub',
        url,
        ...auth(),
        '-t',
        topic,
        '--decode',
        'auto',
        '--json',
        '-C',
        '1',
        '-W',
        '20',
        '--mqtt-version',
        '5',
      ],
      env(),
    );
    expect(auto.code, auto.stderr.join('\n')).toBe(0);
    expect(JSON.parse(auto.stdout[0] ?? '{}')).toMatchObject({
      topic,
      codec: 'msgpack',
      decoded: { device: 'd1' },
    });

    const wrong = await cli(
      ['sub', url, ...auth(), '-t', topic, '--decode', 'cbor', '-C', '1', '-W', '20'],
      env(),
    );
    expect(wrong.stdout[0]).toMatch(/\(cbor: Not valid CBOR at byte \d+/);
  });
});
