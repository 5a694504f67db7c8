/**
 * The broker's own figures from its `$SYS` topics, read from the last value of each topic.
 * Pure, so the two layouts are unit-tested without a broker.
 *
 * - Mosquitto: `$SYS/broker/…`. Its load averages (`load/…/1min`) are moving averages per
 *   minute: divided by 60 they are the per-second rates shown.
 * - EMQX: `$SYS/brokers/<node>/…` (version, uptime, `stats/…` and `metrics/…` counters; no
 *   load averages, so no rates).
 * Others differ: HiveMQ publishes no `$SYS` without an extension; VerneMQ uses
 * `$SYS/<node>/…` with its own metric names. Their topics still show in the tree.
 */

export type SysKind = 'text' | 'duration' | 'count' | 'perSecond' | 'bytes' | 'bytesPerSecond';
export type SysFactId =
  | 'version'
  | 'uptime'
  | 'clients'
  | 'messagesInRate'
  | 'messagesOutRate'
  | 'bytesInRate'
  | 'bytesOutRate'
  | 'messagesIn'
  | 'messagesOut'
  | 'bytesIn'
  | 'bytesOut'
  | 'subscriptions'
  | 'retained';

export interface SysFact {
  id: SysFactId;
  kind: SysKind;
  /** The topic it is read from: "Chart this" draws that topic's own numbers. */
  topic: string;
  /** A number for every kind but text (a duration is in seconds). */
  value: number | string;
  /** The topic's payloads are plain numbers, so the engine can chart them. */
  chartable: boolean;
}

export type SysLayout = 'mosquitto' | 'emqx';

interface Source {
  id: SysFactId;
  kind: SysKind;
  /** Below the layout's prefix. */
  path: string;
  /** A per-minute average shown per second. */
  perMinute?: boolean;
}

const MOSQUITTO: readonly Source[] = [
  { id: 'version', kind: 'text', path: 'version' },
  { id: 'uptime', kind: 'duration', path: 'uptime' },
  { id: 'clients', kind: 'count', path: 'clients/connected' },
  { id: 'messagesInRate', kind: 'perSecond', path: 'load/messages/received/1min', perMinute: true },
  { id: 'messagesOutRate', kind: 'perSecond', path: 'load/messages/sent/1min', perMinute: true },
  { id: 'bytesInRate', kind: 'bytesPerSecond', path: 'load/bytes/received/1min', perMinute: true },
  { id: 'bytesOutRate', kind: 'bytesPerSecond', path: 'load/bytes/sent/1min', perMinute: true },
  { id: 'messagesIn', kind: 'count', path: 'messages/received' },
  { id: 'messagesOut', kind: 'count', path: 'messages/sent' },
  { id: 'bytesIn', kind: 'bytes', path: 'bytes/received' },
  { id: 'bytesOut', kind: 'bytes', path: 'bytes/sent' },
  { id: 'subscriptions', kind: 'count', path: 'subscriptions/count' },
  { id: 'retained', kind: 'count', path: 'retained messages/count' },
];

const EMQX: readonly Source[] = [
  { id: 'version', kind: 'text', path: 'version' },
  // "1 days, 2 hours, 3 minutes, 4 seconds": shown as the broker says it.
  { id: 'uptime', kind: 'text', path: 'uptime' },
  { id: 'clients', kind: 'count', path: 'stats/connections/count' },
  { id: 'messagesIn', kind: 'count', path: 'metrics/messages/received' },
  { id: 'messagesOut', kind: 'count', path: 'metrics/messages/sent' },
  { id: 'bytesIn', kind: 'bytes', path: 'metrics/bytes/received' },
  { id: 'bytesOut', kind: 'bytes', path: 'metrics/bytes/sent' },
  { id: 'subscriptions', kind: 'count', path: 'stats/subscriptions/count' },
  { id: 'retained', kind: 'count', path: 'stats/retained/count' },
];

export const MOSQUITTO_PREFIX = '$SYS/broker/';
export const EMQX_PREFIX = '$SYS/brokers/';

function plainNumber(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const n = Number(trimmed);
  return Number.isFinite(n) ? n : null;
}

/** Mosquitto's uptime: "1234 seconds". */
function seconds(text: string): number | null {
  const m = /^\s*(\d+)\s*seconds?\s*$/.exec(text);
  return m ? Number(m[1]) : null;
}

function read(
  sources: readonly Source[],
  prefix: string,
  last: (topic: string) => string | undefined,
): SysFact[] {
  const facts: SysFact[] = [];
  for (const source of sources) {
    const topic = `${prefix}${source.path}`;
    const text = last(topic);
    if (text === undefined) continue;
    const n = plainNumber(text);
    let value: number | string | null;
    if (source.kind === 'text') value = text.trim();
    else if (source.kind === 'duration') value = seconds(text) ?? n;
    else value = n === null ? null : source.perMinute ? n / 60 : n;
    // A value the layout does not expect (a string where a count belongs) is left out.
    if (value === null) continue;
    facts.push({ id: source.id, kind: source.kind, topic, value, chartable: n !== null });
  }
  return facts;
}

/**
 * The figures a broker publishes, by layout. `last` answers a topic's last payload as text;
 * `emqxNode` is the first level under `$SYS/brokers/` when there is one.
 */
export function readSysFacts(
  last: (topic: string) => string | undefined,
  emqxNode: string | undefined,
): { layout: SysLayout | null; facts: SysFact[] } {
  const mosquitto = read(MOSQUITTO, MOSQUITTO_PREFIX, last);
  if (mosquitto.length > 0) return { layout: 'mosquitto', facts: mosquitto };
  if (emqxNode !== undefined) {
    const emqx = read(EMQX, `${EMQX_PREFIX}${emqxNode}/`, last);
    if (emqx.length > 0) return { layout: 'emqx', facts: emqx };
  }
  return { layout: null, facts: [] };
}

/** Does any of these filters receive the broker's `$SYS` topics? */
export function receivesSys(
  filters: readonly string[],
  matches: (filter: string, topic: string) => boolean,
): boolean {
  return filters.some(
    (f) => matches(f, `${MOSQUITTO_PREFIX}uptime`) || matches(f, `${EMQX_PREFIX}node/uptime`),
  );
}
