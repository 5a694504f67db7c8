/**
 * User property names are the user's own text: Object's names must stay plain keys on
 * the way to mqtt-packet (Trust #2: stores keyed by user input).
 */
import { describe, expect, it } from 'vitest';
import { userPropertiesFromPacket, userPropertiesToPacket } from '../../electron/engine/properties';

describe('user properties keyed by user input', () => {
  it('keeps constructor, __proto__ and friends as ordinary keys, repeats included', () => {
    const pairs = [
      { key: 'constructor', value: 'a' },
      { key: '__proto__', value: 'b' },
      { key: 'toString', value: 'c' },
      { key: 'toString', value: 'd' },
      { key: 'valueOf', value: 'e' },
    ];
    const packet = userPropertiesToPacket(pairs);
    expect(Object.getOwnPropertyNames(packet).sort()).toEqual([
      '__proto__',
      'constructor',
      'toString',
      'valueOf',
    ]);
    expect(packet['toString']).toEqual(['c', 'd']);
    expect(userPropertiesFromPacket(packet)).toEqual(expect.arrayContaining(pairs));
    expect(userPropertiesFromPacket(packet)).toHaveLength(pairs.length);
  });
});
