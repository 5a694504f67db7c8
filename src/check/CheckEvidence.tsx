import { useTranslation } from 'react-i18next';
import type { CheckPlanItem, CheckResult } from '../../electron/contract';
import { formatNumber } from '../i18n/format';
import { wordFinding, wordStatement } from './finding';

/** What a check is about and, once it ran, what it saw: the statement, the timings, the packets. */
export function CheckEvidence({ item, result }: { item: CheckPlanItem; result: CheckResult | undefined }) {
  const { t } = useTranslation();
  const packets = result?.evidence.packets ?? [];
  const t0 = packets[0]?.at ?? 0;
  return (
    <div className="check-evidence" role="region" aria-label={t('check.evidence.label', { id: item.id })}>
      <p className="check-statement">
        <span className="check-spec">{item.specRef}</span> {wordStatement(item)}
      </p>
      {result && (
        <p>
          {wordFinding(result)}{' '}
          <span className="muted">
            {t('check.evidence.took', { ms: formatNumber(Math.round(result.durationMs)) })}
          </span>
        </p>
      )}
      {result && result.evidence.timings.length > 0 && (
        <table className="check-table check-timings" aria-label={t('check.evidence.timings')}>
          <thead>
            <tr>
              <th scope="col">{t('check.evidence.timing')}</th>
              <th scope="col">{t('check.evidence.measured')}</th>
              <th scope="col">{t('check.evidence.expected')}</th>
            </tr>
          </thead>
          <tbody>
            {result.evidence.timings.map((timing, index) => (
              <tr key={index}>
                <td>{timing.label}</td>
                <td className="num">{t('check.ms', { ms: formatNumber(Math.round(timing.ms)) })}</td>
                <td className="num">
                  {timing.expected
                    ? t('check.evidence.window', {
                        min: formatNumber(timing.expected.minMs),
                        max: formatNumber(timing.expected.maxMs),
                      })
                    : '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {packets.length > 0 && (
        <table className="check-table check-packets" aria-label={t('check.evidence.packets')}>
          <thead>
            <tr>
              <th scope="col">{t('check.evidence.at')}</th>
              <th scope="col">{t('check.evidence.client')}</th>
              <th scope="col">{t('check.evidence.direction')}</th>
              <th scope="col">{t('check.evidence.packet')}</th>
              <th scope="col">{t('check.evidence.fields')}</th>
            </tr>
          </thead>
          <tbody>
            {packets.map((packet, index) => (
              <tr key={index}>
                <td className="num">{t('check.ms', { ms: formatNumber(Math.round(packet.at - t0)) })}</td>
                <td>{packet.client}</td>
                <td>{t(`check.evidence.${packet.direction}`)}</td>
                <td className="mono">
                  {packet.type.toUpperCase()}
                  {packet.messageId === undefined ? '' : ` #${packet.messageId}`}
                </td>
                <td className="mono check-fields">{JSON.stringify(packet.fields)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {result?.evidence.packetsOmitted ? (
        <p className="muted">{t('check.evidence.omitted', { count: result.evidence.packetsOmitted })}</p>
      ) : null}
    </div>
  );
}
