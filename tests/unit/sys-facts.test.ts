/** Issue 11 (Data #7): the broker's figures from its $SYS topics, Mosquitto's and EMQX's layouts. */
import { describe, expect, it } from 'vitest';
import { mqttFilterMatches } from '../../electron/contract';
import { readSysFacts, receivesSys } from '../../src/sys/sys-facts';

const from = (values: Record<string, string>) => (topic: string) =>
  Object.hasOwn(values, topic) ? values[topic] : undefined;

describe('$SYS figures', () => {
  // Data #7: Mosquitto 2.0's topics as it publishes them; load averages per minute shown per second.
  it('reads Mosquitto’s layout, rates from its 1-minute load averages', () => {
    const { layout, facts } = readSysFacts(
      from({
        '$SYS/broker/version': 'mosquitto version 2.0.11',
        '$SYS/broker/uptime': '3725 seconds',
        '$SYS/broker/clients/connected': '3',
        '$SYS/broker/load/messages/received/1min': '120.00',
        '$SYS/broker/load/bytes/sent/1min': '6000',
        '$SYS/broker/bytes/received': '2048',
        '$SYS/broker/subscriptions/count': '7',
        '$SYS/broker/retained messages/count': '40',
        '$SYS/broker/messages/sent': 'not a number',
      }),
      undefined,
    );
    expect(layout).toBe('mosquitto');
    const byId = new Map(facts.map((f) => [f.id, f]));
    expect(byId.get('version')).toMatchObject({ value: 'mosquitto version 2.0.11', chartable: false });
    expect(byId.get('uptime')).toMatchObject({ value: 3725, kind: 'duration', chartable: false });
    expect(byId.get('clients')).toMatchObject({
      value: 3,
      chartable: true,
      topic: '$SYS/broker/clients/connected',
    });
    expect(byId.get('messagesInRate')?.value).toBe(2);
    expect(byId.get('bytesOutRate')?.value).toBe(100);
    expect(byId.get('bytesIn')?.value).toBe(2048);
    expect(byId.get('retained')?.value).toBe(40);
    // Data #7 bad input: a value that is not what the layout says is left out, never a crash.
    expect(byId.has('messagesOut')).toBe(false);
    expect(facts.map((f) => f.id)).toEqual([
      'version',
      'uptime',
      'clients',
      'messagesInRate',
      'bytesOutRate',
      'bytesIn',
      'subscriptions',
      'retained',
    ]);
  });

  it('reads EMQX’s layout under its node, and nothing from an unknown one', () => {
    const node = 'emqx@127.0.0.1';
    const emqx = readSysFacts(
      from({
        [`$SYS/brokers/${node}/version`]: '5.3.0',
        [`$SYS/brokers/${node}/uptime`]: '1 days, 2 hours, 3 minutes, 4 seconds',
        [`$SYS/brokers/${node}/stats/connections/count`]: '12',
        [`$SYS/brokers/${node}/metrics/bytes/sent`]: '1024',
      }),
      node,
    );
    expect(emqx.layout).toBe('emqx');
    expect(emqx.facts.map((f) => [f.id, f.value])).toEqual([
      ['version', '5.3.0'],
      ['uptime', '1 days, 2 hours, 3 minutes, 4 seconds'],
      ['clients', 12],
      ['bytesOut', 1024],
    ]);
    expect(readSysFacts(from({ '$SYS/vernemq/x': '1' }), undefined)).toEqual({ layout: null, facts: [] });
  });

  // Data #7: "#" does not receive $SYS (MQTT §4.7.2); "$SYS/#" and "$SYS/broker/+" do.
  it('knows which subscriptions receive $SYS', () => {
    expect(receivesSys(['#', '+/x'], mqttFilterMatches)).toBe(false);
    expect(receivesSys(['a/#', '$SYS/#'], mqttFilterMatches)).toBe(true);
    expect(receivesSys(['$SYS/broker/+'], mqttFilterMatches)).toBe(true);
    expect(receivesSys(['$SYS/brokers/+/uptime'], mqttFilterMatches)).toBe(true);
  });
});
