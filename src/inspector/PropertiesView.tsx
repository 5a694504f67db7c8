import { useTranslation } from 'react-i18next';
import type { MessageDetail } from '../../electron/contract';
import { toBase64 } from './decode';

/** MQTT 5 properties of the message, as the broker delivered them. */
export function PropertiesView({ detail }: { detail: MessageDetail }) {
  const { t } = useTranslation();
  const p = detail.properties;
  if (!p) return <p className="muted inspector-note">{t('inspector.props.none')}</p>;
  const rows: [string, string][] = [];
  if (p.payloadFormatIndicator !== undefined)
    rows.push([
      t('inspector.props.payloadFormat'),
      p.payloadFormatIndicator ? t('inspector.props.utf8') : t('inspector.props.bytes'),
    ]);
  if (p.contentType !== undefined) rows.push([t('inspector.props.contentType'), p.contentType]);
  if (p.messageExpiryInterval !== undefined)
    rows.push([t('inspector.props.expiry'), t('format.secondsExact', { value: p.messageExpiryInterval })]);
  if (p.responseTopic !== undefined) rows.push([t('inspector.props.responseTopic'), p.responseTopic]);
  if (p.correlationData !== undefined)
    rows.push([t('inspector.props.correlation'), toBase64(p.correlationData)]);
  if (p.topicAlias !== undefined) rows.push([t('inspector.props.topicAlias'), String(p.topicAlias)]);
  if (p.subscriptionIdentifiers !== undefined)
    rows.push([t('inspector.props.subscriptionIds'), p.subscriptionIdentifiers.join(', ')]);
  for (const { key, value } of p.userProperties ?? []) rows.push([t('inspector.props.user', { key }), value]);
  return (
    <table className="properties-table" aria-label={t('inspector.props.label')}>
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
