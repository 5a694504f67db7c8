import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { invalidProps } from '../ui/field';

export interface SubscriptionOptionValues {
  noLocal: boolean;
  retainAsPublished: boolean;
  retainHandling: 0 | 1 | 2;
  subscriptionIdentifier: string;
}

export const DEFAULT_SUBSCRIPTION_OPTIONS: SubscriptionOptionValues = {
  noLocal: false,
  retainAsPublished: false,
  retainHandling: 0,
  subscriptionIdentifier: '',
};

const RETAIN_HANDLING = [0, 1, 2] as const;

interface Props {
  id: string;
  values: SubscriptionOptionValues;
  onChange: (values: SubscriptionOptionValues) => void;
  /** False on an MQTT 3 connection, where none of these exist. */
  enabled: boolean;
  idProblem: string | null;
}

/** MQTT 5 subscription options (§3.8.3.1), folded away behind the Options toggle. */
export function SubscriptionOptions({ id, values, onChange, enabled, idProblem }: Props) {
  const { t } = useTranslation();
  const rhId = useId();
  const subIdId = useId();
  const set = (change: Partial<SubscriptionOptionValues>) => onChange({ ...values, ...change });
  return (
    <fieldset id={id} className="subscribe-options" disabled={!enabled}>
      <legend className="sr-only">{t('subscriptions.opts.legend')}</legend>
      {!enabled && <span className="muted">{t('subscriptions.opts.v5Only')}</span>}
      <label className="checkbox">
        <input
          type="checkbox"
          checked={values.noLocal}
          onChange={(e) => set({ noLocal: e.target.checked })}
        />
        {t('subscriptions.opts.noLocal')}
      </label>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={values.retainAsPublished}
          onChange={(e) => set({ retainAsPublished: e.target.checked })}
        />
        {t('subscriptions.opts.rap')}
      </label>
      <label htmlFor={rhId}>{t('subscriptions.opts.rh')}</label>
      <select
        id={rhId}
        value={values.retainHandling}
        onChange={(e) => set({ retainHandling: RETAIN_HANDLING[Number(e.target.value)] ?? 0 })}
      >
        {RETAIN_HANDLING.map((rh) => (
          <option key={rh} value={rh}>
            {t(`subscriptions.opts.rh${rh}`)}
          </option>
        ))}
      </select>
      <label htmlFor={subIdId}>{t('subscriptions.opts.id')}</label>
      <input
        {...invalidProps(subIdId, idProblem)}
        className="mono sub-id-input"
        inputMode="numeric"
        placeholder={t('subscriptions.opts.idNone')}
        value={values.subscriptionIdentifier}
        onChange={(e) => set({ subscriptionIdentifier: e.target.value })}
      />
      {idProblem && (
        <span id={`${subIdId}-problem`} className="field-problem inline-problem">
          {idProblem}
        </span>
      )}
    </fieldset>
  );
}
