/**
 * Desktop notifications (issue 19 #3, optional and off by default): a connection that drops,
 * and messages on watched topics, while the window is in the background. Both are switched
 * on in Settings; with the window in front nothing is shown (the user sees it there). A
 * watched topic notifies at most once per filter every 30 s, so a busy topic cannot flood
 * the desktop.
 */
import type { ConnectionStatus, ReceivedMessage, Settings } from '../contract';
import { mqttFilterMatches } from '../contract/topic-match';
import { english } from '../engine/text/english';

export const TOPIC_NOTICE_GAP_MS = 30_000;
const PREVIEW_CHARS = 120;

export interface NotificationLabels {
  dropped: (url: string) => string;
  watched: (filter: string) => string;
}

export interface NotifierHost {
  /** True when the user cannot see the window (hidden, minimized or not focused). */
  inBackground(): boolean;
  /** The settings in force: read again each time the window goes to the background. */
  settings(): Promise<Pick<Settings, 'notifyOnDrop' | 'notifyTopics'>>;
  show(title: string, body: string): void;
  labels: NotificationLabels;
  /**
   * Whether messages must be watched at all (some topic is listed). The host taps the
   * engine's traffic only then: a tap costs every connection a call per batch and a copy of
   * each sent message, which nobody should pay with notifications off.
   */
  watchTraffic(on: boolean): void;
  now?: () => number;
}

export interface Notifier {
  onStatus(status: ConnectionStatus): void;
  onMessages(messages: readonly ReceivedMessage[]): void;
  /** The window went to the background: take the settings as they are now. */
  refresh(): Promise<void>;
}

function preview(payload: Uint8Array): string {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(payload.subarray(0, PREVIEW_CHARS * 4));
  return text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS - 1)}…` : text;
}

export function createNotifier(host: NotifierHost): Notifier {
  const now = host.now ?? Date.now;
  let current: Pick<Settings, 'notifyOnDrop' | 'notifyTopics'> = { notifyOnDrop: false, notifyTopics: [] };
  const lastState = new Map<string, ConnectionStatus['state']>();
  const lastNotice = new Map<string, number>();

  return {
    async refresh() {
      const before = current.notifyTopics.length > 0;
      current = await host.settings();
      const after = current.notifyTopics.length > 0;
      if (before !== after) host.watchTraffic(after);
    },
    onStatus(status) {
      const before = lastState.get(status.connectionId);
      lastState.set(status.connectionId, status.state);
      const dropped =
        before === 'connected' &&
        (status.state === 'reconnecting' || status.state === 'disconnected' || status.state === 'failed') &&
        status.reason.key !== 'state.byYou';
      if (!dropped || !current.notifyOnDrop || !host.inBackground()) return;
      host.show(host.labels.dropped(status.url), english(status.problem ?? status.reason));
    },
    onMessages(messages) {
      if (current.notifyTopics.length === 0 || !host.inBackground()) return;
      for (const message of messages) {
        const filter = current.notifyTopics.find((f) => mqttFilterMatches(f, message.topic));
        if (filter === undefined) continue;
        const at = now();
        if (at - (lastNotice.get(filter) ?? -Infinity) < TOPIC_NOTICE_GAP_MS) continue;
        lastNotice.set(filter, at);
        host.show(host.labels.watched(filter), `${message.topic}\n${preview(message.payload)}`);
      }
    },
  };
}
