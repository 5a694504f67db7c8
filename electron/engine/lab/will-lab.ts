import { stateKey, text } from '../text/keys';
import { randomUUID } from 'node:crypto';
import type { LabAction, LabHistory, LabResult, ReceivedMessage } from '../../contract';
import type { ConnectionManager } from '../connection-manager';
import { MqttConnection } from '../connection';
import { EngineError } from '../errors';
import type { HistoryStore } from '../history';
import { expectationFor, judge, observationMs } from './expectations';
import { LAB_HISTORY_PER_BROKER, labKey } from './lab-history';

/**
 * Runs a lab action on a live connection while a separate observer connection watches the
 * will topic, and says whether the broker did what the specification says.
 */
export class WillLab {
  private readonly history = new Map<string, LabResult[]>();
  private runs = 0;

  /** `stored`: results persisted in the data folder; without it they last as long as the host. */
  constructor(
    private readonly manager: ConnectionManager,
    private readonly stored: HistoryStore<LabResult> | null = null,
  ) {}

  async run(connectionId: string, action: LabAction): Promise<LabResult> {
    const subject = this.manager.get(connectionId);
    const { options, status } = subject;
    const will = options.will;
    if (!will) {
      throw new EngineError('invalid-input', text('request.noWill'));
    }
    if (status.state !== 'connected') {
      throw new EngineError(
        'not-connected',
        text('request.notConnected', { id: connectionId, stateKey: stateKey(status.state) }),
      );
    }
    const v5 = options.protocolVersion === '5.0';
    const keepaliveSeconds = status.connack?.serverKeepalive ?? options.keepaliveSeconds;
    if (action === 'stall' && keepaliveSeconds === 0) {
      throw new EngineError('invalid-input', text('request.keepaliveZero'));
    }
    if (action === 'disconnectWithWill' && !v5) {
      throw new EngineError('invalid-input', text('request.willNeedsV5'));
    }
    const willDelaySeconds = v5 ? (will.properties?.willDelayInterval ?? 0) : 0;
    const expected = expectationFor(action, {
      keepaliveSeconds,
      willDelaySeconds,
      effectiveDelaySeconds: Math.min(willDelaySeconds, options.sessionExpirySeconds ?? 0),
    });

    const arrivals: ReceivedMessage[] = [];
    let onArrival: () => void = () => undefined;
    const observer = new MqttConnection(
      `${connectionId}-observer-${++this.runs}`,
      {
        ...options,
        clientId: `${status.clientId.slice(0, 40)}-observer`,
        will: undefined,
        clean: true,
        sessionExpirySeconds: undefined,
        reconnect: { maxAttempts: 0, periodMs: 3000 },
      },
      {
        onStatus: () => undefined,
        onSubscriptions: () => undefined,
        onPackets: () => undefined,
        onMessages: (_id, messages) => {
          // A retained copy of an earlier will says nothing about this run.
          arrivals.push(...messages.filter((m) => !m.retain));
          if (arrivals.length > 0) onArrival();
        },
      },
    );
    const opened = await observer.open();
    try {
      if (opened.state !== 'connected') {
        throw new EngineError(
          'mqtt-error',
          (() => {
            const why = opened.problem ?? opened.reason;
            return text('request.observerFailed', { ...why.params, whyKey: why.key });
          })(),
        );
      }
      await observer.subscribe(will.topic, {
        qos: will.qos,
        noLocal: false,
        retainAsPublished: false,
        // MQTT 5: do not send a retained will from an earlier run at all.
        retainHandling: 2,
      });

      const lastPacketAt = subject.lastSentAt();
      const actionAt = Date.now();
      const observeFor = observationMs(action, expected);
      const arrived = new Promise<void>((resolve) => {
        onArrival = resolve;
        if (arrivals.length > 0) resolve();
      });
      let timer: ReturnType<typeof setTimeout> | undefined;
      const windowClosed = new Promise<void>((resolve) => (timer = setTimeout(resolve, observeFor)));
      await this.act(subject, action);
      await Promise.race([arrived, windowClosed]);
      clearTimeout(timer);

      const first = arrivals[0];
      const willSeen = first
        ? {
            arrivedAt: first.receivedAt,
            afterActionMs: first.receivedAt - actionAt,
            afterLastPacketMs: lastPacketAt === null ? null : Math.round(first.receivedAt - lastPacketAt),
            payload: first.payload,
            ...(first.properties && { properties: first.properties }),
          }
        : null;
      const observedForMs = first ? first.receivedAt - actionAt : observeFor;
      const result: LabResult = {
        id: randomUUID(),
        connectionId,
        ...(status.profileId !== undefined && { profileId: status.profileId }),
        brokerUrl: status.url,
        clientId: status.clientId,
        action,
        willTopic: will.topic,
        keepaliveSeconds,
        willDelaySeconds,
        lastPacketAt,
        actionAt,
        observedForMs,
        will: willSeen,
        expected,
        ...judge(expected, willSeen, observedForMs, action),
      };
      await this.remember(result);
      return result;
    } finally {
      await observer.close(text('state.observerDone'));
    }
  }

  /** A profile's results; else a broker's (connections without a profile); else all. */
  async list(where: { profileId?: string | undefined; brokerUrl?: string | undefined }): Promise<LabHistory> {
    const { profileId, brokerUrl } = where;
    const key =
      profileId !== undefined || brokerUrl !== undefined
        ? labKey({ profileId, brokerUrl: brokerUrl ?? '' })
        : null;
    const newestFirst = (lists: Iterable<LabResult[]>) =>
      [...lists].flat().sort((a, b) => b.actionAt - a.actionAt);
    if (this.stored) {
      const results =
        key !== null
          ? await this.stored.list(key)
          : newestFirst((await this.stored.entries()).map(([, list]) => list));
      return { results, setAsidePath: await this.stored.setAsideFile() };
    }
    const results = key !== null ? [...(this.history.get(key) ?? [])] : newestFirst(this.history.values());
    return { results, setAsidePath: null };
  }

  private async act(subject: MqttConnection, action: LabAction): Promise<void> {
    switch (action) {
      case 'drop':
        await subject.drop();
        return;
      case 'stall':
        subject.stall();
        return;
      case 'disconnectWithWill':
        await subject.disconnectWithWill();
        return;
      case 'disconnect':
        await subject.close();
        return;
    }
  }

  private async remember(result: LabResult): Promise<void> {
    const key = labKey(result);
    if (this.stored) {
      // A full disk loses this one result from the file, not the answer to the run.
      await this.stored.append(key, result).catch(() => undefined);
      return;
    }
    const list = this.history.get(key) ?? [];
    list.unshift(result);
    this.history.set(key, list.slice(0, LAB_HISTORY_PER_BROKER));
  }
}
