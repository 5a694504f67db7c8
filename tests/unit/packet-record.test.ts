// Trust #2: names that come from the broker (user properties) are data, never prototype keys.
import type { IPublishPacket } from 'mqtt';
import { decode, encode } from '@msgpack/msgpack';
import { describe, expect, it } from 'vitest';
import { packetRecord } from '../../electron/engine/packet-log';

describe('packetRecord', () => {
  it('keeps user properties named __proto__ and constructor, as pairs the wire can carry', () => {
    const userProperties = JSON.parse('{"__proto__":"a","constructor":"b","x":["c","d"]}') as Record<
      string,
      string
    >;
    const packet: IPublishPacket = {
      cmd: 'publish',
      topic: 't',
      payload: Buffer.from('hi'),
      qos: 0,
      dup: false,
      retain: false,
      properties: { userProperties },
    };
    const record = packetRecord(packet, 'in', 1, 0);
    const properties = record?.fields['properties'] as Record<string, unknown>;
    expect(properties['userProperties']).toEqual([
      ['__proto__', 'a'],
      ['constructor', 'b'],
      ['x', 'c'],
      ['x', 'd'],
    ]);
    // What the web host sends, the renderer's decoder takes (it refuses a "__proto__" key).
    expect(decode(encode(record))).toEqual(record);
    expect(record?.fields['payloadSize']).toBe(2);
    // Nothing leaked onto Object.prototype.
    expect(({} as Record<string, unknown>)['x']).toBeUndefined();
  });
});
