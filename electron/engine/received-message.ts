import type { IPublishPacket } from 'mqtt';
import type { ReceivedMessage } from '../contract';
import { messagePropertiesFromPacket } from './properties';

/**
 * The bytes of a received payload the log may keep, at most `max` of them (Trust #18). A
 * view of a larger socket chunk is copied, so the chunk can be collected. A payload that
 * sits in a buffer of (nearly) its own is kept as it is, without a second copy: one that
 * spanned reads (mqtt-packet copied it out), or a large packet the frame guard assembled,
 * whose buffer holds only the packet's header, topic and properties besides (two copies of
 * every 16 MB payload are what made RSS run far above the log's bytes).
 */
export function keptBytes(payload: Buffer, max: number): Uint8Array<ArrayBuffer> {
  if (payload.byteLength > max) return new Uint8Array(payload.subarray(0, max));
  const { buffer } = payload;
  const extra = buffer.byteLength - payload.byteLength;
  const nearlyOwn = buffer instanceof ArrayBuffer && extra <= Math.max(64, payload.byteLength / 8);
  return nearlyOwn ? new Uint8Array(buffer, payload.byteOffset, payload.byteLength) : new Uint8Array(payload);
}

/** A PUBLISH from the broker as the log keeps it: at most `max` payload bytes, its size when cut. */
export function receivedMessage(
  topic: string,
  payload: Buffer,
  packet: IPublishPacket,
  max: number,
): ReceivedMessage {
  const message: ReceivedMessage = {
    topic,
    payload: keptBytes(payload, max),
    qos: packet.qos,
    retain: packet.retain,
    receivedAt: Date.now(),
  };
  if (payload.byteLength > max) message.size = payload.byteLength;
  const properties = messagePropertiesFromPacket(packet.properties);
  if (properties) message.properties = properties;
  return message;
}

/** A PUBLISH this client sent, as a recording keeps it (a copy: mqtt.js may reuse the buffer). */
export function sentMessage(packet: IPublishPacket): ReceivedMessage {
  const { payload } = packet;
  const message: ReceivedMessage = {
    topic: packet.topic,
    payload: typeof payload === 'string' ? new TextEncoder().encode(payload) : new Uint8Array(payload),
    qos: packet.qos,
    retain: packet.retain,
    receivedAt: Date.now(),
  };
  const properties = messagePropertiesFromPacket(packet.properties);
  if (properties) message.properties = properties;
  return message;
}
