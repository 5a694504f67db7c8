import { Transform, type TransformCallback } from 'node:stream';
import type { IDisconnectPacket, MqttClient } from 'mqtt';
import { FrameGuard, type OpenPacket } from './frame-guard';
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

/**
 * Packets at least this large that span socket reads are handed to the parser as one buffer.
 * mqtt-packet keeps the reads of a packet in a list and copies them into a new buffer for the
 * payload, so for a moment a 16 MB packet costs 32 MB; assembled here, its payload is a view
 * of the one buffer (Trust #18: RSS under large payloads).
 */
const ASSEMBLE_FROM_BYTES = 64 * 1024;

/**
 * Gathers a large packet's bytes, from its first byte on, into one buffer of its exact size.
 * A fixed header cut by the end of a read is held back (at most 5 bytes) until its length is
 * known, so that a packet's first byte never reaches the parser ahead of the rest.
 */
export class PacketAssembler {
  private packet: Buffer | null = null;
  private filled = 0;
  private held: Buffer | null = null;

  /** Splits `chunk` into what the parser gets now; `open` is what the guard says of its end. */
  feed(chunk: Buffer, open: OpenPacket | null): Buffer[] {
    const base = this.held?.length ?? 0;
    const data = this.held ? Buffer.concat([this.held, chunk]) : chunk;
    this.held = null;
    const out: Buffer[] = [];
    let offset = 0;
    if (this.packet) {
      offset = Math.min(this.packet.length - this.filled, data.length);
      data.copy(this.packet, this.filled, 0, offset);
      this.filled += offset;
      if (this.filled < this.packet.length) return out;
      out.push(this.packet);
      this.packet = null;
    }
    const start = open ? open.start + base : -1;
    // A small packet cut by the read goes on as it is: the common case costs no split.
    if (open && start >= offset && (open.size === null || open.size >= ASSEMBLE_FROM_BYTES)) {
      if (start > offset) out.push(data.subarray(offset, start));
      if (open.size === null) {
        this.held = Buffer.from(data.subarray(start));
        return out;
      }
      // Not pooled, and untouched pages cost nothing until bytes arrive.
      this.packet = Buffer.allocUnsafeSlow(open.size);
      this.filled = data.copy(this.packet, 0, start);
      return out;
    }
    if (offset < data.length) out.push(offset === 0 ? data : data.subarray(offset));
    return out;
  }

  /** After a violation at `safeBytes` into `chunk`: the whole packets before it. */
  beforeViolation(chunk: Buffer, safeBytes: number): Buffer[] {
    // At 0 the offending packet is the one held or assembled: none of it goes on.
    if (safeBytes === 0) {
      this.held = this.packet = null;
      return [];
    }
    return this.feed(chunk.subarray(0, safeBytes), null);
  }
}

/**
 * Hands `parts` on with the last one through the callback, as a one-output transform does:
 * the callback is where a Transform applies backpressure, and a callback with nothing left
 * to give skips it (the first version pushed every part itself, and L2 ingest then stalled
 * in one run of three).
 */
function pass(stream: Transform, parts: Buffer[], done: TransformCallback): void {
  for (let i = 0; i < parts.length - 1; i++) stream.push(parts[i]);
  done(null, parts.at(-1));
}

function guardTransform(guard: FrameGuard, onViolation: (v: WireViolation) => void): Transform {
  let tripped = false;
  const assembler = new PacketAssembler();
  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
      if (tripped) return done();
      const violation = guard.check(chunk);
      if (!violation) return pass(this, assembler.feed(chunk, guard.openPacket), done);
      tripped = true;
      // The whole packets before the offending one (a large one among them completes here).
      pass(this, assembler.beforeViolation(chunk, guard.safeBytes), done);
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
