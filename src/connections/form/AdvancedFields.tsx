import { useTranslation } from 'react-i18next';
import { KeyValueEditor } from '../../ui/KeyValueEditor';
import { isWsTransport } from '../connect-form-values';
import { CheckboxInput, TextInput, numeric, type FormBinding } from './binding';

/**
 * Header values can carry tokens (`Authorization: Bearer …`), so a saved profile keeps them
 * sealed and the form never receives them: it names the headers whose value is saved.
 */
function SavedHeaderValues({
  saved,
  rows,
}: {
  saved: readonly string[] | undefined;
  rows: readonly { key: string; value: string }[];
}) {
  const { t } = useTranslation();
  const kept = (saved ?? []).filter((key) => rows.some((row) => row.key === key && row.value === ''));
  if (kept.length === 0) return null;
  return (
    <p className="saved-secret" aria-label={t('connections.advanced.savedHeadersLabel')}>
      <span>{t('connections.advanced.savedHeaders', { count: kept.length, names: kept.join(', ') })}</span>
    </p>
  );
}

/** Session, timing and reconnect behaviour, and WebSocket handshake headers. */
export function AdvancedFields({ form }: { form: FormBinding }) {
  const { t } = useTranslation();
  const { values, problems } = form;
  const v5 = values.protocolVersion === '5.0';
  const ws = isWsTransport(values.transport);
  return (
    <div className="section-fields">
      <div className="field-row align-end">
        <CheckboxInput
          form={form}
          field="clean"
          label={v5 ? t('connections.advanced.cleanStart') : t('connections.advanced.cleanSession')}
        />
        <TextInput
          form={form}
          field="sessionExpiry"
          label={t('connections.advanced.sessionExpiry')}
          input={numeric({
            placeholder: v5 ? '0' : t('connections.advanced.mqtt5Only'),
            disabled: !v5,
          })}
        />
      </div>
      <div className="field-row">
        <TextInput
          form={form}
          field="keepalive"
          label={t('connections.advanced.keepalive')}
          input={numeric()}
        />
        <TextInput
          form={form}
          field="connectTimeout"
          label={t('connections.advanced.connectTimeout')}
          input={numeric()}
        />
      </div>
      <div className="field-row">
        <TextInput
          form={form}
          field="reconnectMaxAttempts"
          label={t('connections.advanced.reconnectAttempts')}
          input={numeric({ title: t('connections.advanced.reconnectAttemptsTitle') })}
        />
        <TextInput
          form={form}
          field="reconnectPeriod"
          label={t('connections.advanced.reconnectPeriod')}
          input={numeric()}
        />
      </div>
      <p className="section-note">{t('connections.advanced.reconnectNote')}</p>
      <KeyValueEditor
        label={ws ? t('connections.advanced.wsHeaders') : t('connections.advanced.wsHeadersOff')}
        noun={t('connections.advanced.header')}
        rows={values.wsHeaders}
        disabled={!ws}
        keyPlaceholder="Authorization"
        problem={problems.wsHeaders}
        problemId={`${form.id('wsHeaders')}-problem`}
        onChange={(rows) => form.set('wsHeaders', rows)}
      />
      <SavedHeaderValues saved={form.secrets?.wsHeaders} rows={values.wsHeaders} />
    </div>
  );
}
