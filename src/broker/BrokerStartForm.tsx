import { engineText } from '../i18n/engine-text';
import { useId, type ComponentProps, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { LocalBrokerStatus } from '../../electron/contract';
import { errorText } from '../api/client';
import { Field, invalidProps } from '../ui/field';
import {
  chosenEngine,
  toBrokerOptions,
  type BrokerField,
  type BrokerFieldProblems,
  type BrokerFormValues,
} from './broker-form-values';
import { useStartBroker } from './broker-queries';

interface Props {
  values: BrokerFormValues;
  onChange(values: BrokerFormValues): void;
  problems: BrokerFieldProblems;
  onProblems(problems: BrokerFieldProblems): void;
  status: LocalBrokerStatus | undefined;
}

/** Ports, path, optional credentials and the bind choice; then Start. */
export function BrokerStartForm({ values, onChange, problems, onProblems, status }: Props) {
  const { t } = useTranslation();
  const start = useStartBroker();
  const baseId = useId();
  const id = (field: string) => `${baseId}-${field}`;
  const starting = start.isPending || status?.state === 'starting';

  const startWith = (next: BrokerFormValues) => {
    const checked = toBrokerOptions({ ...next, engine: chosenEngine(next, status) });
    if (!checked.ok) return onProblems(checked.problems);
    onProblems({});
    start.mutate(checked.options);
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!starting) startWith(values);
  };

  const useSuggested = () => {
    const suggested = status?.suggestedPorts;
    if (!suggested || starting) return;
    const next = { ...values, tcpPort: String(suggested.tcpPort), wsPort: String(suggested.wsPort) };
    onChange(next);
    startWith(next);
  };

  const text = (field: BrokerField, label: string, extra: ComponentProps<'input'> = {}) => (
    <Field id={id(field)} label={label} problem={problems[field]}>
      <input
        {...invalidProps(id(field), problems[field])}
        value={values[field]}
        onChange={(e) => {
          onChange({ ...values, [field]: e.target.value });
          onProblems({ ...problems, [field]: undefined });
        }}
        spellCheck={false}
        autoComplete="off"
        {...extra}
      />
    </Field>
  );

  const suggested = status?.state === 'failed' ? status.suggestedPorts : undefined;
  const engine = chosenEngine(values, status);
  return (
    <form className="broker-form" onSubmit={onSubmit} noValidate aria-label={t('broker.start.label')}>
      <Field id={id('engine')} label={t('check.localBroker.engine.label')}>
        <select
          id={id('engine')}
          value={engine}
          onChange={(e) =>
            onChange({ ...values, engine: e.target.value === 'mosquitto' ? 'mosquitto' : 'built-in' })
          }
        >
          <option value="mosquitto" disabled={!status?.mosquittoAvailable}>
            {t(
              status?.mosquittoAvailable
                ? 'check.localBroker.engine.mosquitto'
                : 'check.localBroker.engine.noMosquitto',
            )}
          </option>
          <option value="built-in">{t('check.localBroker.engine.builtIn')}</option>
        </select>
      </Field>
      <div className="broker-ports">
        {text('tcpPort', t('broker.start.tcpPort'), { inputMode: 'numeric', className: 'mono' })}
        {text('wsPort', t('broker.start.wsPort'), { inputMode: 'numeric', className: 'mono' })}
        {text('wsPath', t('broker.start.path'), { className: 'mono' })}
      </div>
      <div className="field-row">
        {text('username', t('broker.start.username'), { placeholder: t('broker.start.none') })}
        {text('password', t('broker.start.password'), { type: 'password', autoComplete: 'new-password' })}
      </div>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={values.bindAllInterfaces}
          onChange={(e) => onChange({ ...values, bindAllInterfaces: e.target.checked })}
        />
        {t('broker.start.bindAll')}
      </label>
      {values.bindAllInterfaces && (
        <p className="broker-warning" role="note">
          {values.username === '' ? t('broker.start.exposedOpen') : t('broker.start.exposed')}
        </p>
      )}
      <div className="button-row">
        <button type="submit" className="button-primary" aria-disabled={starting}>
          {t('broker.start.start')}
        </button>
        {starting && <span className="muted">{t('broker.start.starting')}</span>}
      </div>
      {status?.state === 'failed' && status.problem && (
        <div className="broker-problem" role="alert">
          <p>
            {engineText(status.problem)} <span className="mono">({status.problem.code})</span>
          </p>
          {suggested && (
            <button type="button" className="button-small" onClick={useSuggested}>
              {t('broker.start.suggested', { tcp: suggested.tcpPort, ws: suggested.wsPort })}
            </button>
          )}
        </div>
      )}
      {start.isError && (
        <p className="field-problem" role="alert">
          {errorText(start.error)}
        </p>
      )}
    </form>
  );
}
