import { useTranslation } from 'react-i18next';
import type { Subscription } from '../../electron/contract';
import { optionMarks, subackWords } from './subscription-words';

interface Props {
  subscription: Subscription;
  removing: boolean;
  onRemove: () => void;
}

/** One filter and what the broker answered; a refusal is drawn as a failure, never as a grant. */
export function SubscriptionChip({ subscription: s, removing, onRemove }: Props) {
  const { t } = useTranslation();
  const marks = optionMarks(s.options);
  const words = subackWords(s);
  return (
    <li className={`chip chip-${s.state}`} title={`${s.filter}: ${s.reasonText}`}>
      {s.state === 'refused' && (
        <span className="chip-icon" aria-hidden="true">
          ✕
        </span>
      )}
      <span className="mono chip-text">{s.filter}</span>
      <span className="chip-result">{words}</span>
      {marks.length > 0 && <span className="chip-marks">{marks.join(' · ')}</span>}
      <button
        type="button"
        className="chip-remove"
        aria-label={t('subscriptions.unsubscribe', { filter: s.filter })}
        title={t('subscriptions.unsubscribe', { filter: s.filter })}
        disabled={removing}
        onClick={onRemove}
      >
        ×
      </button>
    </li>
  );
}
