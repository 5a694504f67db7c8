/** The `check.*` requests: run the suite for a profile or for connection options; cancel a run. */
import {
  ConnectOptionsSchema,
  type CheckReport,
  type ParsedConnectOptions,
  type RequestHandlers,
} from '../../contract';
import type { EngineListener } from '../connection-manager';
import { EngineError } from '../errors';
import { HistoryStore } from '../history';
import type { ProfileStore } from '../profiles';
import { CHECK_HISTORY, readCheckHistory } from './check-history';
import { newRunId, runBrokerCheck } from './runner';
import { text } from '../text/keys';

type CheckHandlers = Pick<RequestHandlers, 'check.run' | 'check.cancel' | 'check.history'>;

export function checkHandlers(
  store: ProfileStore | null,
  emit: EngineListener,
  dataDir?: string,
): CheckHandlers {
  const running = new Map<string, AbortController>();
  const history = dataDir ? new HistoryStore<CheckReport>({ dataDir, kind: CHECK_HISTORY }) : null;
  return {
    'check.run': async ({ target, groups }) => {
      let options: ParsedConnectOptions;
      if (target.kind === 'options') {
        options = target.options;
      } else {
        if (!store) throw new EngineError('internal', text('noData.checkProfiles'));
        // The profile's will, client ID and session settings are the user's; the check brings its own.
        options = ConnectOptionsSchema.parse(await store.connectOptions(target.id));
      }
      const runId = newRunId();
      const controller = new AbortController();
      running.set(runId, controller);
      try {
        const report = await runBrokerCheck(options, {
          runId,
          ...(groups && { groups }),
          signal: controller.signal,
          onProgress: (payload) => emit({ name: 'check.progress', payload }),
        });
        // A failed save costs the history one entry, never the report the user waits for.
        if (history && report.broker) await history.append(report.broker.url, report).catch(() => undefined);
        return report;
      } finally {
        running.delete(runId);
      }
    },
    'check.cancel': async ({ runId }) => {
      const controller = running.get(runId);
      controller?.abort();
      return { cancelled: controller !== undefined };
    },
    'check.history': async ({ brokerUrl }) => {
      if (!history) throw new EngineError('internal', text('noData.checkRuns'));
      return readCheckHistory(history, brokerUrl);
    },
  };
}
