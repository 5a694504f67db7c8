/**
 * aedes 2.0.0-beta.1 publishes a client's will with the CONNECT's will properties as they
 * came, Will Delay Interval (0x18) included. MQTT 5 §3.1.3.2 sends the will properties with
 * the will message, but the Will Delay Interval is a CONNECT-only property: a PUBLISH that
 * carries it is malformed (§2.2.2.2), and a strict client drops the connection over it.
 * Every other will property (payload format, message expiry, content type, response topic,
 * correlation data, user properties) is a PUBLISH property and stays.
 */
import type { AedesOptions, PublishPacket } from 'aedes';

type AuthorizePublishHandler = NonNullable<AedesOptions['authorizePublish']>;

const SYS_PREFIX = '$SYS/';

/** Drops the one will property a PUBLISH may not carry; aedes has already timed the delay by now. */
export function withoutWillDelay(packet: PublishPacket): void {
  const properties = packet.properties as Record<string, unknown> | undefined;
  if (properties && 'willDelayInterval' in properties) delete properties['willDelayInterval'];
}

/**
 * aedes authorises every PUBLISH it is about to publish, the will included (when it fires, or
 * after its delay), so this is where the will can be mended. Keeps aedes' own rule: clients
 * may not publish under $SYS/.
 */
export const authorizePublish: AuthorizePublishHandler = (_client, packet, callback) => {
  if (packet.topic.startsWith(SYS_PREFIX)) return callback(new Error(`${SYS_PREFIX} topic is reserved`));
  withoutWillDelay(packet);
  callback(null);
};
