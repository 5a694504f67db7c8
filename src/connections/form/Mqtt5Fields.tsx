import { DEFAULT_MAX_PACKET_BYTES } from '../../../electron/contract';
import { useTranslation } from 'react-i18next';
import { KeyValueEditor } from '../../ui/KeyValueEditor';
import { CheckboxInput, TextInput, numeric, type FormBinding } from './binding';

/** MQTT 5 CONNECT properties: what we ask of the broker, and our own limits. */
export function Mqtt5Fields({ form }: { form: FormBinding }) {
  const { t } = useTranslation();
  const { values, problems } = form;
  const v5 = values.protocolVersion === '5.0';
  return (
    <fieldset className="section-fields" disabled={!v5}>
      {!v5 && <p className="section-note">{t('connections.mqtt5.only')}</p>}
      <div className="field-row">
        <TextInput
          form={form}
          field="receiveMaximum"
          label={t('connections.mqtt5.receiveMaximum')}
          input={numeric({ placeholder: '65535' })}
        />
        <TextInput
          form={form}
          field="maximumPacketSize"
          label={t('connections.mqtt5.maximumPacketSize')}
          input={numeric({ placeholder: String(DEFAULT_MAX_PACKET_BYTES) })}
        />
      </div>
      <TextInput
        form={form}
        field="topicAliasMaximum"
        label={t('connections.mqtt5.topicAliasMaximum')}
        className="half"
        input={numeric({ placeholder: '0' })}
      />
      <CheckboxInput
        form={form}
        field="requestResponseInformation"
        label={t('connections.mqtt5.requestResponseInformation')}
      />
      <CheckboxInput
        form={form}
        field="requestProblemInformation"
        label={t('connections.mqtt5.requestProblemInformation')}
      />
      <KeyValueEditor
        label={t('connections.mqtt5.userProperties')}
        noun={t('connections.mqtt5.userProperty')}
        rows={values.userProperties}
        problem={problems.userProperties}
        problemId={`${form.id('userProperties')}-problem`}
        onChange={(rows) => form.set('userProperties', rows)}
      />
    </fieldset>
  );
}
