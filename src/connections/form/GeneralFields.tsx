import { engineText } from '../../i18n/engine-text';
import { useTranslation } from 'react-i18next';
import type { ProtocolVersion, Transport } from '../../../electron/contract';
import { Field } from '../../ui/field';
import { DEFAULT_PORTS, isWsTransport } from '../connect-form-values';
import { TextInput, numeric, type FormBinding } from './binding';
import { FromCodeMark } from './FromCodeMark';
import { SavedSecret, savedPlaceholder } from './SavedSecret';

const TRANSPORTS: Transport[] = ['mqtt', 'mqtts', 'ws', 'wss'];

const PROTOCOLS: { value: ProtocolVersion; label: string }[] = [
  { value: '5.0', label: 'MQTT 5.0' },
  { value: '3.1.1', label: 'MQTT 3.1.1' },
  { value: '3.1', label: 'MQTT 3.1' },
];

/** Where and as whom: the fields almost every connection needs, always shown. */
export function GeneralFields({ form }: { form: FormBinding }) {
  const { t } = useTranslation();
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
          label={t('connections.general.host')}
          input={{ className: 'mono' }}
          hideMark={hidden('host')}
        />
        <TextInput
          form={form}
          field="port"
          label={t('connections.general.port')}
          input={numeric({ className: 'mono port-input' })}
          hideMark={hidden('port')}
        />
      </div>
      {sharedMark && (
        <FromCodeMark
          marks={form.fromCode}
          field="host"
          what={
            shared.length === 3
              ? t('connections.fromCode.hostPortTransport')
              : t('connections.fromCode.and', {
                  a: t(`connections.general.${shared[0] ?? 'host'}`),
                  b: t(`connections.general.${shared[1] ?? 'port'}`),
                })
          }
        />
      )}
      <div className="field-row">
        <Field id={form.id('transport')} label={t('connections.general.transport')}>
          <select
            id={form.id('transport')}
            value={values.transport}
            onChange={(e) => onTransport(e.target.value as Transport)}
          >
            {TRANSPORTS.map((transport) => (
              <option key={transport} value={transport}>
                {t(`connections.transport.${transport}`)}
              </option>
            ))}
          </select>
          {!hidden('transport') && <FromCodeMark marks={form.fromCode} field="transport" />}
        </Field>
        <TextInput
          form={form}
          field="path"
          label={t('connections.general.wsPath')}
          input={{
            className: 'mono',
            disabled: !ws,
            title: ws ? undefined : t('connections.general.wsPathOff'),
          }}
        />
      </div>
      <div className="field-row">
        <Field id={form.id('protocolVersion')} label={t('connections.general.protocol')}>
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
          label={t('connections.general.clientId')}
          input={{ className: 'mono', placeholder: t('connections.general.clientIdPlaceholder') }}
        />
      </div>
      <div className="field-row">
        <TextInput form={form} field="username" label={t('connections.general.username')} />
        <TextInput
          form={form}
          field="password"
          label={t('connections.general.password')}
          input={{
            type: 'password',
            autoComplete: 'new-password',
            placeholder: savedPlaceholder(form.secrets?.password),
          }}
        />
      </div>
      <SavedSecret
        secret={form.secrets?.password}
        noun={t('connections.secret.password')}
        typed={values.password !== ''}
      />
      {form.secrets?.protection && (
        <p
          className={form.secrets.protection.warning ? 'warning-note' : 'section-note protection-note'}
          aria-label={t('connections.general.secretProtection')}
        >
          {engineText(form.secrets.protection.sentence)}
        </p>
      )}
    </>
  );
}
