import type { PacketRecord } from '../../electron/contract';

type Fields = PacketRecord['fields'];
type Json = Fields[string];

const isObject = (v: Json | undefined): v is { [key: string]: Json } =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const hex = (code: number) => `0x${code.toString(16).padStart(2, '0')}`;
const str = (v: Json | undefined) => (typeof v === 'string' ? v : undefined);
const num = (v: Json | undefined) => (typeof v === 'number' ? v : undefined);

/** A reason code as the log shows it; 0 (success) is left out to keep rows quiet. */
function reason(fields: Fields): string[] {
  const code = num(fields['reasonCode']) ?? num(fields['returnCode']);
  return code === undefined || code === 0 ? [] : [`reason ${hex(code)}`];
}

function propertyCount(fields: Fields): string[] {
  const props = fields['properties'];
  const n = isObject(props) ? Object.keys(props).length : 0;
  return n === 0 ? [] : [n === 1 ? '1 property' : `${n} properties`];
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
      parts.push(`client ${str(f['clientId']) || '(empty)'}`);
      parts.push(`keepalive ${num(f['keepalive']) ?? 0} s`);
      parts.push(f['clean'] === false ? 'persistent session' : 'clean');
      if (str(f['username']) !== undefined) parts.push(`user ${str(f['username'])}`);
      if (f['password'] !== undefined) parts.push(`password ${String(f['password'])}`);
      const will = f['will'];
      if (isObject(will)) parts.push(`will → ${str(will['topic']) ?? '?'}`);
      break;
    }
    case 'connack':
      parts.push(`session present ${f['sessionPresent'] === true ? 'yes' : 'no'}`);
      parts.push(...reason(f));
      break;
    case 'publish': {
      parts.push(str(f['topic']) ?? '?');
      parts.push(`QoS ${num(f['qos']) ?? 0}`);
      if (f['retain'] === true) parts.push('retain');
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
      parts.push(`granted ${codes(f['granted'])}`);
      break;
    case 'unsubscribe': {
      const topics = f['unsubscriptions'];
      if (Array.isArray(topics)) parts.push(topics.map(String).join(', '));
      break;
    }
    case 'unsuback':
      if (Array.isArray(f['granted'])) parts.push(`reasons ${codes(f['granted'])}`);
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

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Local wall-clock time with milliseconds, HH:MM:SS.mmm. */
export function packetTime(at: number): string {
  const d = new Date(at);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

/** Time since the previous packet: "+0.4 ms", "+12 ms", "+2.31 s", "+3 min". */
export function packetDelta(ms: number | null): string {
  if (ms === null) return '';
  if (ms < 10) return `+${ms.toFixed(1)} ms`;
  // 999.6 ms would round to "1000 ms": show it as seconds like its neighbours.
  if (ms < 999.5) return `+${Math.round(ms)} ms`;
  if (ms < 60_000) return `+${(ms / 1000).toFixed(2)} s`;
  return `+${Math.round(ms / 60_000)} min`;
}
