/**
 * The will lab's results, kept per profile (issue 13: the profile is the workspace) in the
 * data folder with the one history store. A connection opened without a profile keeps its
 * results under its broker URL. Version 1 kept every result by broker URL: it is migrated
 * on first read, each broker's results copied to every profile that connects to that
 * broker, and kept under the broker where no profile does. Nothing is dropped.
 */
import { z } from 'zod';
import {
  EngineTextSchema,
  LabActionSchema,
  MessagePropertiesSchema,
  ProfileIdSchema,
  type LabResult,
} from '../../contract';
import { BrokerKeySchema, type HistoryKind } from '../history/history-file';

/** Results kept per profile (or broker): enough to compare two brokers, small enough to forget about. */
export const LAB_HISTORY_PER_BROKER = 20;
export const LAB_HISTORY_FILE = 'lab-history.json';

// Typed against the contract's interface, so the two cannot drift apart.
const LabResultRecordSchema: z.ZodType<LabResult> = z.object({
  id: z.string(),
  connectionId: z.string(),
  profileId: ProfileIdSchema.optional(),
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

/** Where a result is kept: `profile:<id>`, or `broker:<url>` for a connection without one. */
export function labKey(where: { profileId?: string | undefined; brokerUrl: string }): string {
  return where.profileId !== undefined ? `profile:${where.profileId}` : `broker:${where.brokerUrl}`;
}

const LabKeySchema = z
  .string()
  .max(2100)
  .regex(/^(profile|broker):./s);

/** A profile as the migration needs it: the broker URL its connections have. */
export interface ProfileUrl {
  id: string;
  url: string;
}

const V1Schema = z.object({
  version: z.literal(1),
  // Entries are checked with the current schema once migrated.
  brokers: z.array(z.tuple([BrokerKeySchema, z.array(z.unknown())])),
});

/** Version 1 (per broker URL) as version 2's pairs; null when the file is not a version 1 file. */
export function migrateLabHistoryV1(
  file: unknown,
  profiles: readonly ProfileUrl[],
): [string, LabResult[]][] | null {
  const v1 = V1Schema.safeParse(file);
  if (!v1.success) return null;
  const byKey = new Map<string, unknown[]>();
  const add = (key: string, results: readonly unknown[]) =>
    byKey.set(key, [...(byKey.get(key) ?? []), ...results]);
  for (const [url, results] of v1.data.brokers) {
    const owners = profiles.filter((p) => p.url === url);
    if (owners.length === 0) add(labKey({ brokerUrl: url }), results);
    for (const owner of owners) add(labKey({ profileId: owner.id, brokerUrl: url }), results);
  }
  const actionAt = (r: unknown) => {
    const at = (r as { actionAt?: unknown } | null)?.actionAt;
    return typeof at === 'number' ? at : 0;
  };
  // Checked against the entry schema by the history file itself.
  return [...byKey].map(([key, results]) => [
    key,
    results.sort((a, b) => actionAt(b) - actionAt(a)).slice(0, LAB_HISTORY_PER_BROKER) as LabResult[],
  ]);
}

/** The lab's history file; `profiles` lists the profiles a version 1 file is attached to. */
export function labHistoryKind(profiles: () => Promise<ProfileUrl[]>): HistoryKind<LabResult> {
  return {
    fileName: LAB_HISTORY_FILE,
    keyField: 'keys',
    keySchema: LabKeySchema,
    entrySchema: LabResultRecordSchema,
    limit: LAB_HISTORY_PER_BROKER,
    label: 'history.kind.lab',
    version: 2,
    migrate: async (file) => migrateLabHistoryV1(file, await profiles()),
  };
}
