import { useId } from 'react';
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

const RETAIN_HANDLING = [
  { value: 0, label: '0: send retained on subscribe' },
  { value: 1, label: '1: only for a new subscription' },
  { value: 2, label: '2: never send retained' },
] as const;

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
  const rhId = useId();
  const subIdId = useId();
  const set = (change: Partial<SubscriptionOptionValues>) => onChange({ ...values, ...change });
  return (
    <fieldset id={id} className="subscribe-options" disabled={!enabled}>
      <legend className="sr-only">MQTT 5 subscription options</legend>
      {!enabled && <span className="muted">MQTT 5 only: this connection uses MQTT 3.</span>}
      <label className="checkbox">
        <input
          type="checkbox"
          checked={values.noLocal}
          onChange={(e) => set({ noLocal: e.target.checked })}
        />
        No Local
      </label>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={values.retainAsPublished}
          onChange={(e) => set({ retainAsPublished: e.target.checked })}
        />
        Retain As Published
      </label>
      <label htmlFor={rhId}>Retain handling</label>
      <select
        id={rhId}
        value={values.retainHandling}
        onChange={(e) => set({ retainHandling: RETAIN_HANDLING[Number(e.target.value)]?.value ?? 0 })}
      >
        {RETAIN_HANDLING.map((rh) => (
          <option key={rh.value} value={rh.value}>
            {rh.label}
          </option>
        ))}
      </select>
      <label htmlFor={subIdId}>Subscription identifier</label>
      <input
        {...invalidProps(subIdId, idProblem)}
        className="mono sub-id-input"
        inputMode="numeric"
        placeholder="none"
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
