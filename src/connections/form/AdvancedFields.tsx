import { KeyValueEditor } from '../../ui/KeyValueEditor';
import { isWsTransport } from '../connect-form-values';
import { CheckboxInput, TextInput, numeric, type FormBinding } from './binding';

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
    </div>
  );
}
