import { useTranslation } from 'react-i18next';
import type { RebirthNeed, SparkplugDevice, SparkplugNode } from '../../electron/contract';
import { formatTime } from '../i18n/format';
import { engineText } from '../i18n/engine-text';
import { MetricsTable } from './MetricsTable';
import { RebirthButton } from './RebirthButton';
import { StatusBadge } from './StatusBadge';

function RebirthReason({ need }: { need: RebirthNeed }) {
  const { t } = useTranslation();
  return (
    <p className="sparkplug-notice" role="status">
      {need.reason === 'no-birth'
        ? t('sparkplug.rebirth.noBirth', { seq: need.seq })
        : t('sparkplug.rebirth.unknownAlias', { seq: need.seq, alias: need.alias ?? '?' })}
    </p>
  );
}

/** The selected edge node or device: why it is in its state, and its metrics. */
export function NodeDetail({
  connectionId,
  connected,
  profileId,
  node,
  device,
}: {
  connectionId: string;
  connected: boolean;
  profileId: string | null;
  node: SparkplugNode;
  device: SparkplugDevice | undefined;
}) {
  const { t } = useTranslation();
  const name = device ? `${node.group}/${node.id}/${device.id}` : `${node.group}/${node.id}`;
  const rebirth = device ? device.rebirth : node.rebirth;
  const dataTopic = device
    ? `spBv1.0/${node.group}/DDATA/${node.id}/${device.id}`
    : `spBv1.0/${node.group}/NDATA/${node.id}`;
  return (
    <section className="sparkplug-detail" aria-label={t('sparkplug.selected', { name })}>
      <h3 className="mono">
        {name} <StatusBadge online={device ? device.online : node.online} />
      </h3>
      {!device && node.bdSeq !== undefined && (
        <p className="mono">{t('sparkplug.bdSeq', { bdSeq: node.bdSeq })}</p>
      )}
      {!device && node.staleDeath && (
        <p className="sparkplug-notice" role="status">
          {t('sparkplug.staleDeath', {
            bdSeq: node.staleDeath.bdSeq ?? '?',
            seq: node.staleDeath.seq,
            expected: node.staleDeath.expected ?? '?',
          })}
        </p>
      )}
      {rebirth && <RebirthReason need={rebirth} />}
      {(rebirth || !device) && (
        <RebirthButton connectionId={connectionId} group={node.group} node={node.id} connected={connected} />
      )}
      {!device && node.lastError && (
        <p className="field-problem">
          {t('sparkplug.lastError', { seq: node.lastError.seq, message: engineText(node.lastError.text) })}
        </p>
      )}
      {!device && node.gaps.length > 0 && (
        <details className="sparkplug-gaps">
          <summary>{t('sparkplug.gaps', { count: node.gaps.length })}</summary>
          <ul>
            {node.gaps.map((gap) => (
              <li key={gap.seq} className="mono">
                {t('sparkplug.gap', {
                  expected: gap.expected,
                  received: gap.received,
                  seq: gap.seq,
                  time: formatTime(gap.receivedAt),
                })}
              </li>
            ))}
          </ul>
        </details>
      )}
      <MetricsTable
        metrics={device ? device.metrics : node.metrics}
        dataTopic={dataTopic}
        profileId={profileId}
      />
    </section>
  );
}
