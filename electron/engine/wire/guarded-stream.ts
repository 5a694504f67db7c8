import { Transform, type TransformCallback } from 'node:stream';
import type { IDisconnectPacket, MqttClient } from 'mqtt';
import { FrameGuard } from './frame-guard';
import { disconnectReasonFor, type WireViolation } from './violation';

type StreamBuilder = (client: MqttClient) => NodeJS.ReadableStream & NodeJS.WritableStream;

/** How long the DISCONNECT may take to leave before the socket is cut anyway. */
const DISCONNECT_FLUSH_MS = 500;

export interface GuardOptions {
  protocolVersion: number;
  maxPacketSize: number;
  /** Called once per network connection, for its first violation; nothing after it is parsed. */
  onViolation(violation: WireViolation): void;
}

/**
 * Puts a FrameGuard between every socket mqtt.js opens (reconnects included) and its parser.
 * mqtt.js pipes the stream its builder returns into the parser exactly once per connect, so
 * the stream's own pipe is redirected through the guard; writes, events and destroy() stay
 * the socket's own. Bytes from the first violation on never reach the parser.
 */
export function guardClientStreams(
  client: MqttClient,
  options: GuardOptions,
): { readonly connackSeen: boolean } {
  // streamBuilder is private in mqtt.js's types but is the one place every socket is made.
  const holder = client as unknown as { streamBuilder: StreamBuilder };
  const build = holder.streamBuilder;
  let current: FrameGuard | null = null;
  holder.streamBuilder = (c) => {
    const stream = build(c);
    const guard = new FrameGuard(options.protocolVersion === 5, options.maxPacketSize);
    current = guard;
    const pipe = stream.pipe.bind(stream);
    stream.pipe = ((destination: NodeJS.WritableStream, pipeOptions?: { end?: boolean }) =>
      pipe(guardTransform(guard, options.onViolation)).pipe(destination, pipeOptions)) as typeof stream.pipe;
    return stream;
  };
  return {
    get connackSeen() {
      return current?.connackSeen ?? false;
    },
  };
}

function guardTransform(guard: FrameGuard, onViolation: (v: WireViolation) => void): Transform {
  let tripped = false;
  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
      if (tripped) return done();
      const violation = guard.check(chunk);
      if (!violation) return done(null, chunk);
      tripped = true;
      done(null, guard.safeBytes > 0 ? chunk.subarray(0, guard.safeBytes) : undefined);
      onViolation(violation);
    },
  });
}

/**
 * Closes the network connection after a violation: MQTT 5 first sends DISCONNECT with the
 * reason (MQTT 5 §4.13); MQTT 3.1.1 has no client DISCONNECT reason and just closes (§4.8).
 * Returns the DISCONNECT sent, for the packet log, or null.
 */
export function closeForViolation(
  client: MqttClient,
  protocolVersion: number,
  violation: WireViolation,
): IDisconnectPacket | null {
  const stream = client.stream;
  const reasonCode = protocolVersion === 5 ? disconnectReasonFor(violation.kind) : null;
  if (reasonCode === null || stream.destroyed || !stream.writable) {
    stream.destroy();
    return null;
  }
  const packet: IDisconnectPacket = { cmd: 'disconnect', reasonCode };
  const cut = setTimeout(() => stream.destroy(), DISCONNECT_FLUSH_MS);
  // DISCONNECT, remaining length 2, the reason, an empty property list (MQTT 5 §3.14).
  stream.write(Buffer.from([0xe0, 0x02, reasonCode, 0x00]), () => {
    clearTimeout(cut);
    stream.destroy();
  });
  return packet;
}
