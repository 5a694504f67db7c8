/** Broker check runs, kept per broker URL in the data folder with the one history store. */
import {
  CHECK_HISTORY_PER_BROKER,
  CheckReportSchema,
  type CheckHistory,
  type CheckReport,
} from '../../contract';
import { BrokerKeySchema, type HistoryKind } from '../history/history-file';
import type { HistoryStore } from '../history';

export const CHECK_HISTORY: HistoryKind<CheckReport> = {
  fileName: 'check-history.json',
  keyField: 'brokers',
  keySchema: BrokerKeySchema,
  entrySchema: CheckReportSchema,
  limit: CHECK_HISTORY_PER_BROKER,
  label: 'history.kind.check',
};

export async function readCheckHistory(
  store: HistoryStore<CheckReport>,
  brokerUrl: string | undefined,
): Promise<CheckHistory> {
  const all = await store.entries();
  const runs =
    brokerUrl === undefined
      ? all.flatMap(([, reports]) => reports).sort((a, b) => b.startedAt - a.startedAt)
      : await store.list(brokerUrl);
  const notice = store.takeNotice();
  return { runs, brokers: all.map(([url]) => url).sort(), ...(notice ? { notice } : {}) };
}
