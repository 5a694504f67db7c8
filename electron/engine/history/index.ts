import type { RequestHandlers } from '../../contract';
import { EngineError } from '../errors';
import { HistoryStore } from './history-store';
import { text } from '../text/keys';

export { HistoryStore } from './history-store';

type HistoryHandlers = Pick<RequestHandlers, Extract<keyof RequestHandlers, `history.${string}`>>;

/** The `history.*` requests; without a data folder the page keeps history itself. */
export function historyHandlers(dataDir: string | undefined): HistoryHandlers {
  if (!dataDir) {
    const refuse = async (): Promise<never> => {
      throw new EngineError('internal', text('noData.history'));
    };
    return { 'history.list': refuse, 'history.append': refuse, 'history.clear': refuse };
  }
  const store = new HistoryStore({ dataDir });
  return {
    'history.list': ({ profileId }) => store.list(profileId),
    'history.append': ({ profileId, entry }) => store.append(profileId, entry),
    'history.clear': ({ profileId }) => store.clear(profileId),
  };
}
