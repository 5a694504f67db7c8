import type { AppInfo, RequestHandlers } from '../contract';
import { ConnectionManager, type EngineListener } from './connection-manager';
import { streamHandlers } from './stream/handlers';

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
    ...streamHandlers(manager),
  };
  return {
    handlers,
    onEvent: (listener) => manager.onEvent(listener),
    dispose: () => manager.closeAll('Closed because MQScope is shutting down.'),
  };
}
