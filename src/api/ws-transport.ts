import { encode } from '@msgpack/msgpack';
import {
  eventNames,
  type Envelope,
  type EventName,
  type EventPayload,
  type MqscopeBridge,
  type RequestName,
  type RequestResult,
} from '../../electron/contract';
import { WEB_SOCKET_PATH, type ClientFrame, type WireEvent } from '../../electron/contract/web-wire';
import { createPendingRequests } from './pending-requests';
import { readServerFrame, UNREADABLE_ANSWER } from './server-frames';
import { createValueStore } from './store';
import { LOST_HOST_MESSAGE, type Transport, type TransportStatus } from './transport';

type Listener<N extends EventName> = (payload: EventPayload<N>) => void;
type ListenerSets = { [N in EventName]: Set<Listener<N>> };

/** The web host's address for this page, or null when the page was opened without its token. */
export function webSocketUrl(location: { search: string; protocol: string; host: string }): string | null {
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
  const pending = createPendingRequests();
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

  /** Every event of the contract, without a list to keep in step: WireEvent pairs each name with its payload. */
  function dispatchEvent<N extends EventName>(frame: Extract<WireEvent, { name: N }>): void {
    emit<N>(frame.name as N, frame.payload as EventPayload<N>);
  }

  function onFrame(data: unknown): void {
    if (!(data instanceof ArrayBuffer)) return;
    const frame = readServerFrame(new Uint8Array(data));
    if (frame.kind === 'response') {
      // An id we are not waiting for (answered already, or never asked) is ignored.
      if (!pending.settle(frame.id, frame.envelope)) {
        console.warn(`The MQScope host answered request ${frame.id}, which is not pending`);
      }
    } else if (frame.kind === 'event') {
      dispatchEvent(frame.event);
    } else {
      console.error(`The MQScope host sent a frame this page cannot read: ${frame.why}`);
      if (frame.id !== undefined) {
        pending.settle(frame.id, {
          ok: false,
          error: { code: 'internal', message: UNREADABLE_ANSWER },
        });
      }
    }
  }

  function onClosed(event: { code: number }, everOpened: boolean): void {
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
    // Every request still waiting gets the one "host connection closed" answer, exactly once.
    pending.close(lostEnvelope());
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
    ws.addEventListener('message', (event: { data: unknown }) => onFrame(event.data));
    ws.addEventListener('close', (event) => onClosed(event, everOpened));
    socket = ws;
  }

  const bridge: MqscopeBridge = {
    invoke<N extends RequestName>(name: N, input: unknown): Promise<Envelope<RequestResult<N>>> {
      const state = status.getSnapshot().state;
      if (!socket || state === 'closed') return Promise.resolve(lostEnvelope());
      const id = nextId++;
      const frame: ClientFrame = { kind: 'request', id, name, input };
      let bytes: Uint8Array<ArrayBuffer>;
      try {
        // Optional fields left undefined must vanish, not arrive as nil (zod would refuse null).
        // slice(): send() wants bytes over a plain ArrayBuffer, which encode() does not promise.
        bytes = encode(frame, { ignoreUndefined: true }).slice();
      } catch (error) {
        const detail = error instanceof Error ? error.message : 'unknown';
        return Promise.resolve({
          ok: false,
          error: { code: 'invalid-input', message: `This request could not be encoded: ${detail}` },
        });
      }
      return new Promise((resolve) => {
        // The host answers this id with the result of this very request.
        pending.add(id, resolve as (envelope: Envelope<unknown>) => void);
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
