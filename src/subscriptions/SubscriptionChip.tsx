import { useTranslation } from 'react-i18next';
import type { Subscription } from '../../electron/contract';
import { engineText } from '../i18n/engine-text';
import { optionMarks, subackWords } from './subscription-words';

interface Props {
  subscription: Subscription;
  removing: boolean;
  onRemove: () => void;
  /** Loads the subscription into the form, to change its options, colour or alias. */
  onEdit: () => void;
}

/** One filter and what the broker answered; a refusal is drawn as a failure, never as a grant. */
export function SubscriptionChip({ subscription: s, removing, onRemove, onEdit }: Props) {
  const { t } = useTranslation();
  const marks = optionMarks(s.options);
  const words = subackWords(s);
  const name = s.alias ?? s.filter;
  return (
    <li className={`chip chip-${s.state}`} title={`${s.filter}: ${engineText(s.reasonText)}`}>
      {s.color && <span className="chip-swatch" style={{ background: s.color }} aria-hidden="true" />}
      {s.state === 'refused' && (
        <span className="chip-icon" aria-hidden="true">
          ✕
        </span>
      )}
      <button
        type="button"
        className={s.alias ? 'chip-text chip-edit' : 'mono chip-text chip-edit'}
        aria-label={t('subscriptions.edit', { filter: s.filter })}
        onClick={onEdit}
      >
        {name}
      </button>
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
