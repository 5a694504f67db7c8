import type { AppInfo, RequestHandlers } from '../contract';
import { ConnectionManager, type EngineListener } from './connection-manager';
import { LocalBroker } from './local-broker';

export { ConnectionManager } from './connection-manager';
export { EngineError } from './errors';

export interface Engine {
  handlers: RequestHandlers;
  onEvent(listener: EngineListener): () => void;
  dispose(): Promise<void>;
}

/** The engine behind both hosts: one request handler per contract request. */
export function createEngine(info: AppInfo): Engine {
  const manager = new ConnectionManager();
  const localBroker = new LocalBroker();
  const handlers: RequestHandlers = {
    'app.info': async () => info,
    'connection.open': (input) => manager.open(input),
    'connection.close': ({ connectionId }) => manager.close(connectionId),
    'connection.list': async () => manager.list(),
    'subscription.add': ({ connectionId, filter, qos }) => manager.get(connectionId).subscribe(filter, qos),
    'subscription.remove': async ({ connectionId, filter }) => {
      await manager.get(connectionId).unsubscribe(filter);
      return { filter };
    },
    'message.publish': ({ connectionId, topic, payload, qos, retain }) =>
      manager.get(connectionId).publish(topic, payload, qos, retain),
    'localBroker.start': (options) => localBroker.start(options),
    'localBroker.stop': () => localBroker.stop(),
    'localBroker.status': async () => localBroker.statusWithActivity(),
    'localBroker.clients': async () => localBroker.clients(),
    'localBroker.retained': () => localBroker.retained(),
    'localBroker.deleteRetained': ({ topic }) => localBroker.deleteRetained(topic),
  };
  return {
    handlers,
    onEvent: (listener) => {
      const stopConnections = manager.onEvent(listener);
      const stopBroker = localBroker.onEvent(listener);
      return () => {
        stopConnections();
        stopBroker();
      };
    },
    // Our own connections first, with a proper DISCONNECT; then the broker they may be using.
    dispose: async () => {
      await manager.closeAll('Closed because MQScope is shutting down.');
      await localBroker.stop();
    },
  };
}
