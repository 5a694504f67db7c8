import { i18n } from '../i18n';
import { formatTime } from '../i18n/format';
import type { PacketRecord } from '../../electron/contract';

type Fields = PacketRecord['fields'];
type Json = Fields[string];

const isObject = (v: Json | undefined): v is { [key: string]: Json } =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
/** The summary's words; sent packets' field names (QoS, NL, RAP, RH, dup) stay as MQTT spells them. */
const say = (key: SummaryKey, options?: Record<string, unknown>) =>
  i18n.t(`packets.summary.${key}`, options ?? {});
type SummaryKey =
  | 'reason'
  | 'properties'
  | 'client'
  | 'keepalive'
  | 'persistent'
  | 'clean'
  | 'user'
  | 'password'
  | 'will'
  | 'sessionPresent'
  | 'retain'
  | 'granted'
  | 'reasons';

const hex = (code: number) => `0x${code.toString(16).padStart(2, '0')}`;
const str = (v: Json | undefined) => (typeof v === 'string' ? v : undefined);
const num = (v: Json | undefined) => (typeof v === 'number' ? v : undefined);

/** A reason code as the log shows it; 0 (success) is left out to keep rows quiet. */
function reason(fields: Fields): string[] {
  const code = num(fields['reasonCode']) ?? num(fields['returnCode']);
  return code === undefined || code === 0 ? [] : [say('reason', { code: hex(code) })];
}

function propertyCount(fields: Fields): string[] {
  const props = fields['properties'];
  const n = isObject(props) ? Object.keys(props).length : 0;
  return n === 0 ? [] : [say('properties', { count: n })];
}

function subscriptionText(s: Json): string {
  if (!isObject(s)) return String(s);
  const flags = [
    `QoS ${num(s['qos']) ?? 0}`,
    s['nl'] === true ? 'NL' : '',
    s['rap'] === true ? 'RAP' : '',
    num(s['rh']) ? `RH ${num(s['rh'])}` : '',
  ].filter(Boolean);
  return `${str(s['topic']) ?? '?'} (${flags.join(' ')})`;
}

function codes(v: Json | undefined): string {
  return Array.isArray(v)
    ? v.map((c) => (typeof c === 'number' && c > 2 ? hex(c) : String(c))).join(', ')
    : '';
}

/** One line that says what a packet carried, for the timeline's summary column. */
export function packetSummary(packet: PacketRecord): string {
  const f = packet.fields;
  const parts: string[] = [];
  switch (packet.type) {
    case 'connect': {
      const version = num(f['protocolVersion']);
      parts.push(
        `${str(f['protocolId']) ?? 'MQTT'} ${version === 5 ? '5' : version === 4 ? '3.1.1' : '3.1'}`,
      );
      parts.push(say('client', { id: str(f['clientId']) || i18n.t('common.empty') }));
      parts.push(say('keepalive', { value: num(f['keepalive']) ?? 0 }));
      parts.push(f['clean'] === false ? say('persistent') : say('clean'));
      if (str(f['username']) !== undefined) parts.push(say('user', { name: str(f['username']) }));
      if (f['password'] !== undefined) parts.push(say('password', { value: String(f['password']) }));
      const will = f['will'];
      if (isObject(will)) parts.push(say('will', { topic: str(will['topic']) ?? '?' }));
      break;
    }
    case 'connack':
      parts.push(
        say('sessionPresent', {
          value:
            f['sessionPresent'] === true
              ? i18n.t('connections.connack.yes')
              : i18n.t('connections.connack.no'),
        }),
      );
      parts.push(...reason(f));
      break;
    case 'publish': {
      parts.push(str(f['topic']) ?? '?');
      parts.push(`QoS ${num(f['qos']) ?? 0}`);
      if (f['retain'] === true) parts.push(say('retain'));
      if (f['dup'] === true) parts.push('dup');
      parts.push(`${num(f['payloadSize']) ?? 0} B`);
      break;
    }
    case 'subscribe': {
      const subs = f['subscriptions'];
      if (Array.isArray(subs)) parts.push(subs.map(subscriptionText).join(', '));
      break;
    }
    case 'suback':
      parts.push(say('granted', { codes: codes(f['granted']) }));
      break;
    case 'unsubscribe': {
      const topics = f['unsubscriptions'];
      if (Array.isArray(topics)) parts.push(topics.map(String).join(', '));
      break;
    }
    case 'unsuback':
      if (Array.isArray(f['granted'])) parts.push(say('reasons', { codes: codes(f['granted']) }));
      break;
    case 'disconnect': {
      parts.push(...reason(f));
      const props = f['properties'];
      if (isObject(props) && str(props['reasonString'])) parts.push(`"${str(props['reasonString'])}"`);
      break;
    }
    default:
      parts.push(...reason(f));
  }
  parts.push(...propertyCount(f));
  return parts.join(' · ');
}

/** Local wall-clock time with milliseconds, HH:MM:SS.mmm. */
export const packetTime = formatTime;

/** Time since the previous packet: "+0.4 ms", "+12 ms", "+2.31 s", "+3 min". */
export function packetDelta(ms: number | null): string {
  if (ms === null) return '';
  if (ms < 10) return `+${ms.toFixed(1)} ms`;
  // 999.6 ms would round to "1000 ms": show it as seconds like its neighbours.
  if (ms < 999.5) return `+${Math.round(ms)} ms`;
  if (ms < 60_000) return `+${(ms / 1000).toFixed(2)} s`;
  return `+${Math.round(ms / 60_000)} min`;
}
