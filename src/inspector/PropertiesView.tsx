import type { MessageDetail } from '../../electron/contract';
import { toBase64 } from './decode';

/** MQTT 5 properties of the message, as the broker delivered them. */
export function PropertiesView({ detail }: { detail: MessageDetail }) {
  const p = detail.properties;
  if (!p) return <p className="muted inspector-note">This message carried no MQTT 5 properties.</p>;
  const rows: [string, string][] = [];
  if (p.payloadFormatIndicator !== undefined)
    rows.push(['Payload format', p.payloadFormatIndicator ? 'UTF-8 text' : 'unspecified bytes']);
  if (p.contentType !== undefined) rows.push(['Content type', p.contentType]);
  if (p.messageExpiryInterval !== undefined) rows.push(['Message expiry', `${p.messageExpiryInterval} s`]);
  if (p.responseTopic !== undefined) rows.push(['Response topic', p.responseTopic]);
  if (p.correlationData !== undefined) rows.push(['Correlation data (base64)', toBase64(p.correlationData)]);
  if (p.topicAlias !== undefined) rows.push(['Topic alias', String(p.topicAlias)]);
  if (p.subscriptionIdentifiers !== undefined)
    rows.push(['Subscription identifiers', p.subscriptionIdentifiers.join(', ')]);
  for (const { key, value } of p.userProperties ?? []) rows.push([`User: ${key}`, value]);
  return (
    <table className="properties-table" aria-label="MQTT 5 properties">
      <tbody>
        {rows.map(([name, value], i) => (
          <tr key={i}>
            <th scope="row">{name}</th>
            <td className="mono">{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
