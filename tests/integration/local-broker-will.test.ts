/**
 * Issue 15, "The built-in broker" #1: the will's PUBLISH from the built-in broker (aedes
 * 2.0.0-beta.1). MQTT 5 §3.1.3.2: the will properties travel with the will message, except
 * the Will Delay Interval, which is a CONNECT-only property (a PUBLISH carrying 0x18 is a
 * protocol error, and a strict client drops the connection over it). aedes forwarded the
 * whole will properties object; the local broker's filter keeps the PUBLISH properties only.
 * An independent client (mqtt.js) reads the PUBLISH as it comes off the wire.
 */
import mqtt, { type IPublishPacket, type MqttClient } from 'mqtt';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LocalBroker } from '../../electron/engine/local-broker';
import { runBrokerCheck } from '../../electron/engine/check';
import { ConnectOptionsSchema, LocalBrokerOptionsSchema } from '../../electron/contract';
import { freePort } from '../support/mosquitto';

describe('the built-in broker publishes a will with PUBLISH properties only', () => {
  const broker = new LocalBroker();
  let port: number;
  const clients: MqttClient[] = [];

  const connect = (options: mqtt.IClientOptions) =>
    new Promise<MqttClient>((resolve, reject) => {
      const client = mqtt.connect({
        host: '127.0.0.1',
        port,
        protocolVersion: 5,
        reconnectPeriod: 0,
        ...options,
      });
      clients.push(client);
      client.once('connect', () => resolve(client));
      client.once('error', reject);
    });

  beforeAll(async () => {
    port = await freePort();
    let wsPort = await freePort();
    while (wsPort === port) wsPort = await freePort();
    const status = await broker.start(LocalBrokerOptionsSchema.parse({ tcpPort: port, wsPort }));
    expect(status.state).toBe('running');
  });

  afterEach(() => {
    for (const client of clients.splice(0)) client.end(true);
  });

  afterAll(async () => {
    await broker.stop();
  });

  async function willAfterDrop(
    willDelayInterval: number,
  ): Promise<{ packet: IPublishPacket; afterMs: number }> {
    const topic = `will-filter/${willDelayInterval}/${Date.now()}`;
    const observer = await connect({ clientId: `observer-${topic}` });
    await observer.subscribeAsync(topic, { qos: 1 });
    const arrived = new Promise<IPublishPacket>((resolve) =>
      observer.on('packetreceive', (packet) => {
        if (packet.cmd === 'publish' && packet.topic === topic) resolve(packet);
      }),
    );
    const subject = await connect({
      clientId: `subject-${topic}`,
      properties: { sessionExpiryInterval: 60 },
      will: {
        topic,
        payload: Buffer.from('gone'),
        qos: 1,
        retain: false,
        properties: {
          willDelayInterval,
          contentType: 'text/plain',
          messageExpiryInterval: 300,
          payloadFormatIndicator: true,
          responseTopic: 'will-filter/reply',
          correlationData: Buffer.from([1, 2, 3]),
          userProperties: { check: 'will' },
        },
      },
    });
    const droppedAt = performance.now();
    subject.stream.destroy();
    const packet = await arrived;
    return { packet, afterMs: performance.now() - droppedAt };
  }

  // Built-in broker #1: no Will Delay Interval in the PUBLISH; every PUBLISH property kept.
  it('leaves the Will Delay Interval out of the will PUBLISH and keeps the rest', async () => {
    const { packet } = await willAfterDrop(0);
    expect(packet.payload.toString()).toBe('gone');
    const properties = packet.properties ?? {};
    expect(Object.keys(properties)).not.toContain('willDelayInterval');
    expect(properties).toMatchObject({
      contentType: 'text/plain',
      payloadFormatIndicator: true,
      responseTopic: 'will-filter/reply',
      userProperties: { check: 'will' },
    });
    expect([...(properties.correlationData ?? [])]).toEqual([1, 2, 3]);
    // Message Expiry Interval is forwarded, decremented by the time the message waited (§3.3.2.3.3).
    expect(properties.messageExpiryInterval).toBeGreaterThan(290);
    expect(properties.messageExpiryInterval).toBeLessThanOrEqual(300);
  });

  // Built-in broker #1: the filter must not cost the delay its meaning.
  it('still honours the Will Delay Interval it leaves out of the PUBLISH', async () => {
    const { packet, afterMs } = await willAfterDrop(1);
    expect(Object.keys(packet.properties ?? {})).not.toContain('willDelayInterval');
    expect(afterMs).toBeGreaterThanOrEqual(900);
  });

  // Built-in broker #1: the check's own verdict flips.
  it('passes the broker check’s will.properties check', async () => {
    const report = await runBrokerCheck(
      ConnectOptionsSchema.parse({ transport: 'mqtt', host: '127.0.0.1', port }),
      { groups: ['will'] },
    );
    expect(report.results.find((r) => r.id === 'will.properties')).toMatchObject({ verdict: 'conforms' });
  });
});
