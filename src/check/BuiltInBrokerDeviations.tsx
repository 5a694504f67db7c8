import { useTranslation } from 'react-i18next';
import type { CheckVerdict } from '../../electron/contract';
import known from '../../electron/contract/check-findings-aedes.json';
import { VerdictPill } from './verdict';
import './check.css';

/**
 * Where the built-in broker (aedes) does not do what the MQTT specification says, as the
 * broker check found it: the committed results, bundled at build time, so the list changes
 * only when the known answers do.
 */
export function BuiltInBrokerDeviations() {
  const { t } = useTranslation();
  return (
    <details className="check-deviations">
      <summary>{t('check.localBroker.title', { count: known.deviations.length })}</summary>
      <p className="muted">{t('check.localBroker.intro', { broker: known.broker })}</p>
      <ul aria-label={t('check.localBroker.list')}>
        {known.deviations.map((d) => (
          <li key={d.id}>
            <VerdictPill verdict={d.verdict as CheckVerdict} /> <span className="mono">{d.id}</span>{' '}
            <span className="check-spec">{d.specRef}</span>
            <p>{d.finding}</p>
            <p className="muted">{d.statement}</p>
          </li>
        ))}
      </ul>
    </details>
  );
}
