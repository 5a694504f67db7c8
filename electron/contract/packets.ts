/** The packet log: every MQTT control packet in and out, per connection. */
import { z } from 'zod';
import { ConnectionIdSchema, OnConnection, request } from './common';

export const PacketTypeSchema = z.enum([
  'connect',
  'connack',
  'publish',
  'puback',
  'pubrec',
  'pubrel',
  'pubcomp',
  'subscribe',
  'suback',
  'unsubscribe',
  'unsuback',
  'pingreq',
  'pingresp',
  'disconnect',
  'auth',
]);
export type PacketType = z.infer<typeof PacketTypeSchema>;

export const PacketRecordSchema = z.object({
  /** Per connection, increasing: the timeline's key. */
  seq: z.number().int(),
  /** Epoch milliseconds, with sub-millisecond precision where the clock gives it. */
  at: z.number(),
  direction: z.enum(['in', 'out']),
  type: PacketTypeSchema,
  messageId: z.number().int().optional(),
  /** The decoded fields, JSON-safe: passwords masked, payloads given as a size only. */
  fields: z.record(z.string(), z.json()),
});
export type PacketRecord = z.infer<typeof PacketRecordSchema>;

export const packetRequests = {
  /** The packets still in the connection's bounded ring, oldest first. */
  'packets.list': request<{ packets: PacketRecord[]; dropped: number }>()(OnConnection),
} as const;

export const packetEvents = {
  /** New packets in batches, at most about 20 a second per connection. */
  'packets.batch': z.object({ connectionId: ConnectionIdSchema, packets: z.array(PacketRecordSchema) }),
} as const;
