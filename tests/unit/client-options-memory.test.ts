// Issue 18 #7 (host RSS at low rate): an engine client must not make mqtt-packet build its
// table of 65,536 two-byte Buffers (about 6 MB of heap kept for the process's life).
import mqtt from 'mqtt';
import mqttPacket from 'mqtt-packet';
import { describe, expect, it } from 'vitest';
import { ConnectOptionsSchema } from '../../electron/contract';
import { buildClientOptions } from '../../electron/engine/client-options';

describe('engine client options (issue 18 #7)', () => {
  it("turn mqtt-packet's number cache off for every client built from them", async () => {
    const options = await buildClientOptions(
      ConnectOptionsSchema.parse({ transport: 'mqtt', host: '127.0.0.1', port: 1883 }),
      'rss-test',
    );
    expect(options.writeCache).toBe(false);
    // mqtt-packet's default, before any client exists (this file runs in its own module scope).
    expect(mqttPacket.writeToStream.cacheNumbers).toBe(true);
    // mqtt.js applies it when the client is made (manualConnect: no socket is ever opened).
    mqtt.connect('mqtt://127.0.0.1:1', { ...options, manualConnect: true });
    expect(mqttPacket.writeToStream.cacheNumbers).toBe(false);
  });
});
