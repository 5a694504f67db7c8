/** The will lab's results, kept per broker in the data folder with the one history store. */
import { z } from 'zod';
import { EngineTextSchema, LabActionSchema, MessagePropertiesSchema, type LabResult } from '../../contract';
import { BrokerKeySchema, type HistoryKind } from '../history/history-file';

/** Results kept per broker: enough to compare two brokers, small enough to forget about. */
export const LAB_HISTORY_PER_BROKER = 20;

// Typed against the contract's interface, so the two cannot drift apart.
const LabResultRecordSchema: z.ZodType<LabResult> = z.object({
  id: z.string(),
  connectionId: z.string(),
  brokerUrl: z.string(),
  clientId: z.string(),
  action: LabActionSchema,
  willTopic: z.string(),
  keepaliveSeconds: z.number(),
  willDelaySeconds: z.number(),
  lastPacketAt: z.number().nullable(),
  actionAt: z.number(),
  observedForMs: z.number(),
  will: z
    .object({
      arrivedAt: z.number(),
      afterActionMs: z.number(),
      afterLastPacketMs: z.number().nullable(),
      payload: z.instanceof(Uint8Array),
      properties: MessagePropertiesSchema.optional(),
    })
    .nullable(),
  expected: z.object({
    description: EngineTextSchema,
    window: z
      .object({
        from: z.enum(['action', 'lastPacket']),
        earliestMs: z.number(),
        latestMs: z.number(),
      })
      .nullable(),
  }),
  verdict: z.enum(['as-specified', 'not-as-specified']),
  verdictText: EngineTextSchema,
});

export const LAB_HISTORY: HistoryKind<LabResult> = {
  fileName: 'lab-history.json',
  keyField: 'brokers',
  keySchema: BrokerKeySchema,
  entrySchema: LabResultRecordSchema,
  limit: LAB_HISTORY_PER_BROKER,
  label: 'history.kind.lab',
};
