import { decode, encode } from '@msgpack/msgpack';
import {
  eventNames,
  isEventName,
  type Envelope,
  type EventName,
  type EventPayload,
  type MqscopeBridge,
  type RequestName,
  type RequestResult,
} from '../../electron/contract';
import {
  WEB_SOCKET_PATH,
  type ClientFrame,
  type ServerFrame,
  type WireEvent,
} from '../../electron/contract/web-wire';
import { createValueStore } from './store';
import { LOST_HOST_MESSAGE, type Transport, type TransportStatus } from './transport';

type Listener<N extends EventName> = (payload: EventPayload<N>) => void;
type ListenerSets = { [N in EventName]: Set<Listener<N>> };

/** The web host's address for this page, or null when the page was opened without its token. */
export function webSocketUrl(location: Location): string | null {
  const token = new URLSearchParams(location.search).get('token');
  if (!token) return null;
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${WEB_SOCKET_PATH}?token=${encodeURIComponent(token)}`;
}

/**
 * The contract over the web host's WebSocket: MessagePack frames, requests matched to
 * responses by id. There is deliberately no timeout: a request ends when the host answers
 * or the socket closes, and a closed socket answers every pending request at once.
 */
export function createWsTransport(url: string | null): Transport {
  const status = createValueStore<TransportStatus>(
    url
      ? { state: 'connecting' }
      : {
          state: 'closed',
          cause: 'no-token',
          reason: 'This page was opened without its access token.',
        },
  );
  const listeners = Object.fromEntries(eventNames.map((name) => [name, new Set()])) as ListenerSets;
  const pending = new Map<number, (envelope: Envelope<unknown>) => void>();
  // Requests made before the socket opens wait here instead of failing.
  const outbox: Uint8Array<ArrayBuffer>[] = [];
  let nextId = 1;
  let socket: WebSocket | null = null;

  const lostEnvelope = (): Envelope<never> => {
    const current = status.getSnapshot();
    const message =
      current.state === 'closed' && current.cause !== 'lost' ? current.reason : LOST_HOST_MESSAGE;
    return { ok: false, error: { code: 'internal', message } };
  };

  function emit<N extends EventName>(name: N, payload: EventPayload<N>): void {
    for (const listener of listeners[name]) {
      // One faulty view must not starve the others of events.
      try {
        listener(payload);
      } catch (error) {
        console.error(`A listener for "${name}" failed`, error);
      }
    }
  }

  function dispatchEvent(frame: WireEvent): void {
    switch (frame.name) {
      case 'connection.status':
        return emit(frame.name, frame.payload);
    }
  }

  function onFrame(data: unknown): void {
    if (!(data instanceof ArrayBuffer)) return;
    let frame: unknown;
    try {
      frame = decode(new Uint8Array(data));
    } catch (error) {
      console.error('The MQScope host sent a frame that is not MessagePack', error);
      return;
    }
    if (!isServerFrame(frame)) {
      console.error('The MQScope host sent a frame of unknown shape', frame);
      return;
    }
    if (frame.kind === 'response') {
      const resolve = pending.get(frame.id);
      pending.delete(frame.id);
      resolve?.(frame.envelope);
    } else {
      dispatchEvent(frame);
    }
  }

  function onClosed(event: CloseEvent, everOpened: boolean): void {
    status.set(
      everOpened
        ? { state: 'closed', cause: 'lost', reason: LOST_HOST_MESSAGE }
        : {
            state: 'closed',
            cause: 'unreachable',
            reason:
              'Could not reach the MQScope host, or it refused this page’s token' +
              (event.code && event.code !== 1006 ? ` (WebSocket close code ${event.code})` : '') +
              '.',
          },
    );
    outbox.length = 0;
    const envelope = lostEnvelope();
    for (const resolve of pending.values()) resolve(envelope);
    pending.clear();
  }

  if (url) {
    const ws = new WebSocket(url);
    ws.binaryType = 'arraybuffer';
    let everOpened = false;
    ws.addEventListener('open', () => {
      everOpened = true;
      status.set({ state: 'open' });
      for (const frame of outbox.splice(0)) ws.send(frame);
    });
    ws.addEventListener('message', (event: MessageEvent<unknown>) => onFrame(event.data));
    ws.addEventListener('close', (event) => onClosed(event, everOpened));
    socket = ws;
  }

  const bridge: MqscopeBridge = {
    invoke<N extends RequestName>(name: N, input: unknown): Promise<Envelope<RequestResult<N>>> {
      const state = status.getSnapshot().state;
      if (!socket || state === 'closed') return Promise.resolve(lostEnvelope());
      const id = nextId++;
      const frame: ClientFrame = { kind: 'request', id, name, input };
      // Optional fields left undefined must vanish, not arrive as nil (zod would refuse null).
      // slice(): send() wants bytes over a plain ArrayBuffer, which encode() does not promise.
      const bytes = encode(frame, { ignoreUndefined: true }).slice();
      return new Promise((resolve) => {
        // The host answers this id with the result of this very request.
        pending.set(id, resolve as (envelope: Envelope<unknown>) => void);
        if (state === 'open') socket?.send(bytes);
        else outbox.push(bytes);
      });
    },
    on(name, listener) {
      const set = listeners[name];
      set.add(listener);
      return () => {
        set.delete(listener);
      };
    },
  };

  return { bridge, status };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * A structural check only: the host validated these when the engine produced them, and
 * re-parsing every message of every batch with zod would cost more than it protects.
 */
function isServerFrame(frame: unknown): frame is ServerFrame {
  if (!isRecord(frame)) return false;
  if (frame.kind === 'response') {
    return typeof frame.id === 'number' && isRecord(frame.envelope) && typeof frame.envelope.ok === 'boolean';
  }
  return frame.kind === 'event' && isEventName(frame.name) && isRecord(frame.payload);
}
