import type { ProtocolVersion, Transport } from '../../../electron/contract';
import { Field } from '../../ui/field';
import { DEFAULT_PORTS, isWsTransport } from '../connect-form-values';
import { TextInput, numeric, type FormBinding } from './binding';
import { FromCodeMark } from './FromCodeMark';
import { SavedSecret, savedPlaceholder } from './SavedSecret';

const TRANSPORTS: { value: Transport; label: string }[] = [
  { value: 'mqtt', label: 'MQTT (TCP)' },
  { value: 'mqtts', label: 'MQTT over TLS' },
  { value: 'ws', label: 'WebSocket' },
  { value: 'wss', label: 'Secure WebSocket' },
];

const PROTOCOLS: { value: ProtocolVersion; label: string }[] = [
  { value: '5.0', label: 'MQTT 5.0' },
  { value: '3.1.1', label: 'MQTT 3.1.1' },
  { value: '3.1', label: 'MQTT 3.1' },
];

/** Where and as whom: the fields almost every connection needs, always shown. */
export function GeneralFields({ form }: { form: FormBinding }) {
  const { values } = form;
  const ws = isWsTransport(values.transport);

  const onTransport = (transport: Transport) => {
    form.set('transport', transport);
    // Follow the usual port of the new transport, unless the user typed their own.
    if (values.port === String(DEFAULT_PORTS[values.transport])) {
      form.set('port', String(DEFAULT_PORTS[transport]));
    }
  };

  // One URL variable fills host, port and transport: one mark under the row says so.
  const url = form.fromCode?.host;
  const shared = (['host', 'port', 'transport'] as const).filter(
    (f) => url !== undefined && form.fromCode?.[f] === url,
  );
  const sharedMark = shared.length > 1;
  const hidden = (f: 'host' | 'port' | 'transport') => sharedMark && shared.includes(f);

  return (
    <>
      <div className="field-row host-row">
        <TextInput
          form={form}
          field="host"
          label="Host"
          input={{ className: 'mono' }}
          hideMark={hidden('host')}
        />
        <TextInput
          form={form}
          field="port"
          label="Port"
          input={numeric({ className: 'mono port-input' })}
          hideMark={hidden('port')}
        />
      </div>
      {sharedMark && (
        <FromCodeMark
          marks={form.fromCode}
          field="host"
          what={shared.length === 3 ? 'Host, port and transport' : shared.join(' and ')}
        />
      )}
      <div className="field-row">
        <Field id={form.id('transport')} label="Transport">
          <select
            id={form.id('transport')}
            value={values.transport}
            onChange={(e) => onTransport(e.target.value as Transport)}
          >
            {TRANSPORTS.map((t) => (
              <option key={t.value} value={t.value}>
                {t.label}
              </option>
            ))}
          </select>
          {!hidden('transport') && <FromCodeMark marks={form.fromCode} field="transport" />}
        </Field>
        <TextInput
          form={form}
          field="path"
          label="WebSocket path"
          input={{
            className: 'mono',
            disabled: !ws,
            title: ws ? undefined : 'Only used with the WebSocket transports',
          }}
        />
      </div>
      <div className="field-row">
        <Field id={form.id('protocolVersion')} label="Protocol">
          <select
            id={form.id('protocolVersion')}
            value={values.protocolVersion}
            onChange={(e) => form.set('protocolVersion', e.target.value as ProtocolVersion)}
          >
            {PROTOCOLS.map((p) => (
              <option key={p.value} value={p.value}>
                {p.label}
              </option>
            ))}
          </select>
          <FromCodeMark marks={form.fromCode} field="protocolVersion" />
        </Field>
        <TextInput
          form={form}
          field="clientId"
          label="Client ID"
          input={{ className: 'mono', placeholder: 'generated if empty' }}
        />
      </div>
      <div className="field-row">
        <TextInput form={form} field="username" label="Username" />
        <TextInput
          form={form}
          field="password"
          label="Password"
          input={{
            type: 'password',
            autoComplete: 'new-password',
            placeholder: savedPlaceholder(form.secrets?.password),
          }}
        />
      </div>
      <SavedSecret secret={form.secrets?.password} noun="password" typed={values.password !== ''} />
      {form.secrets?.protection && (
        <p
          className={form.secrets.protection.warning ? 'warning-note' : 'section-note protection-note'}
          aria-label="Secret protection"
        >
          {form.secrets.protection.sentence}
        </p>
      )}
    </>
  );
}
