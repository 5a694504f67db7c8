import { engineText } from '../i18n/engine-text';
import { Trans, useTranslation } from 'react-i18next';
import type { LabResult } from '../../electron/contract';
import { formatClock, formatSeconds } from '../i18n/format';
import { actionLabel } from './format';

function payloadText(bytes: Uint8Array): string {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 200));
  return bytes.length > 200 ? `${text}…` : text;
}

/** One run: the verdict first, then the measured facts behind it. */
export function LabResultCard({ result }: { result: LabResult }) {
  const { t } = useTranslation();
  const ok = result.verdict === 'as-specified';
  return (
    <article
      className={`lab-result ${ok ? 'lab-ok' : 'lab-bad'}`}
      aria-label={t('lab.result.label', { action: actionLabel(result.action) })}
    >
      <p className="lab-verdict" role="note">
        <span aria-hidden="true">{ok ? '✓' : '✗'}</span> {engineText(result.verdictText)}
      </p>
      <dl className="lab-facts">
        <dt>{t('lab.result.action')}</dt>
        <dd>
          <Trans
            i18nKey="lab.result.actionAt"
            values={{ action: actionLabel(result.action), time: formatClock(result.actionAt) }}
            components={{ time: <span className="mono" /> }}
          />
        </dd>
        <dt>{t('lab.result.expected')}</dt>
        <dd>{engineText(result.expected.description)}</dd>
        <dt>{t('lab.result.will')}</dt>
        <dd>
          {result.will ? (
            <>
              <Trans
                i18nKey="lab.result.willAfter"
                values={{ topic: result.willTopic, after: formatSeconds(result.will.afterActionMs) }}
                components={{ topic: <span className="mono" /> }}
              />
              {result.will.afterLastPacketMs !== null && (
                <span className="muted">
                  {' '}
                  {t('lab.result.afterLastPacket', { after: formatSeconds(result.will.afterLastPacketMs) })}
                </span>
              )}
            </>
          ) : (
            t('lab.result.noWill', { within: formatSeconds(result.observedForMs) })
          )}
        </dd>
        {result.will && (
          <>
            <dt>{t('lab.result.payload')}</dt>
            <dd className="mono lab-payload">{payloadText(result.will.payload)}</dd>
          </>
        )}
      </dl>
    </article>
  );
}
