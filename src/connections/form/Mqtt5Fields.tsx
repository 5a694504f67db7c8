import { DEFAULT_MAX_PACKET_BYTES } from '../../../electron/contract';
import { KeyValueEditor } from '../../ui/KeyValueEditor';
import { CheckboxInput, TextInput, numeric, type FormBinding } from './binding';

/** MQTT 5 CONNECT properties: what we ask of the broker, and our own limits. */
export function Mqtt5Fields({ form }: { form: FormBinding }) {
  const { values, problems } = form;
  const v5 = values.protocolVersion === '5.0';
  return (
    <fieldset className="section-fields" disabled={!v5}>
      {!v5 && <p className="section-note">Sent only with MQTT 5.0.</p>}
      <div className="field-row">
        <TextInput
          form={form}
          field="receiveMaximum"
          label="Receive maximum"
          input={numeric({ placeholder: '65535' })}
        />
        <TextInput
          form={form}
          field="maximumPacketSize"
          label="Maximum packet size"
          input={numeric({ placeholder: String(DEFAULT_MAX_PACKET_BYTES) })}
        />
      </div>
      <TextInput
        form={form}
        field="topicAliasMaximum"
        label="Topic alias maximum"
        className="half"
        input={numeric({ placeholder: '0' })}
      />
      <CheckboxInput form={form} field="requestResponseInformation" label="Request response information" />
      <CheckboxInput form={form} field="requestProblemInformation" label="Request problem information" />
      <KeyValueEditor
        label="User properties"
        noun="User property"
        rows={values.userProperties}
        problem={problems.userProperties}
        problemId={`${form.id('userProperties')}-problem`}
        onChange={(rows) => form.set('userProperties', rows)}
      />
    </fieldset>
  );
}
