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
  const kept = (saved ?? []).filter((key) => rows.some((row) => row.key === key && row.value === ''));
  if (kept.length === 0) return null;
  return (
    <p className="saved-secret" aria-label="Saved header values">
      <span>
        {kept.length === 1 ? 'The value of ' : 'The values of '}
        {kept.map((key, index) => (
          <span key={key}>
            {index > 0 ? ', ' : ''}
            <code>{key}</code>
          </span>
        ))}
        {kept.length === 1 ? ' is saved' : ' are saved'} (not shown): leave it empty to keep it, type to
        replace it, or remove the header.
      </span>
    </p>
  );
}

/** Session, timing and reconnect behaviour, and WebSocket handshake headers. */
export function AdvancedFields({ form }: { form: FormBinding }) {
  const { values, problems } = form;
  const v5 = values.protocolVersion === '5.0';
  const ws = isWsTransport(values.transport);
  return (
    <div className="section-fields">
      <div className="field-row align-end">
        <CheckboxInput form={form} field="clean" label={v5 ? 'Clean start' : 'Clean session'} />
        <TextInput
          form={form}
          field="sessionExpiry"
          label="Session expiry (s)"
          input={numeric({
            placeholder: v5 ? '0' : 'MQTT 5 only',
            disabled: !v5,
          })}
        />
      </div>
      <div className="field-row">
        <TextInput form={form} field="keepalive" label="Keepalive (s)" input={numeric()} />
        <TextInput form={form} field="connectTimeout" label="Connect timeout (s)" input={numeric()} />
      </div>
      <div className="field-row">
        <TextInput
          form={form}
          field="reconnectMaxAttempts"
          label="Reconnect attempts"
          input={numeric({ title: '0 means never reconnect' })}
        />
        <TextInput form={form} field="reconnectPeriod" label="Reconnect every (s)" input={numeric()} />
      </div>
      <p className="section-note">0 reconnect attempts: a lost connection stays down and says why.</p>
      <KeyValueEditor
        label={ws ? 'WebSocket headers' : 'WebSocket headers (WebSocket only)'}
        noun="Header"
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
