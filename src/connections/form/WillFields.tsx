import type { PayloadFormat } from '../../../electron/contract';
import { KeyValueEditor } from '../../ui/KeyValueEditor';
import { Field } from '../../ui/field';
import { QosSelect } from '../../ui/QosSelect';
import { willPayloadProblem } from '../connect-form-values';
import { CheckboxInput, TextInput, numeric, type FormBinding } from './binding';
import { FromCodeMark } from './FromCodeMark';

const FORMATS: { value: PayloadFormat; label: string }[] = [
  { value: 'text', label: 'Text' },
  { value: 'json', label: 'JSON' },
  { value: 'hex', label: 'Hex' },
  { value: 'base64', label: 'Base64' },
];

/** The message the broker publishes for us when we vanish without a DISCONNECT. */
export function WillFields({ form }: { form: FormBinding }) {
  const { values, problems } = form;
  const v5 = values.protocolVersion === '5.0';
  const payloadId = form.id('willPayload');
  // Checked while typing, not only on Connect: a JSON typo is easier to fix where it is made.
  const payloadProblem =
    problems.willPayload ?? (values.willPayload === '' ? null : willPayloadProblem(values));

  return (
    <div className="section-fields">
      <p className="section-note">Leave the topic empty for no will.</p>
      <TextInput
        form={form}
        field="willTopic"
        label="Will topic"
        input={{ className: 'mono', placeholder: 'devices/42/status' }}
      />
      <Field id={payloadId} label="Will payload" problem={payloadProblem}>
        <textarea
          id={payloadId}
          aria-invalid={payloadProblem ? true : undefined}
          aria-describedby={payloadProblem ? `${payloadId}-problem` : undefined}
          className="mono will-payload"
          rows={2}
          value={values.willPayload}
          placeholder={values.willFormat === 'json' ? '{"online": false}' : 'offline'}
          spellCheck={false}
          onChange={(e) => form.set('willPayload', e.target.value)}
        />
        <FromCodeMark marks={form.fromCode} field="willPayload" />
      </Field>
      <div className="inline-fields">
        <Field id={form.id('willFormat')} label="Payload format">
          <select
            id={form.id('willFormat')}
            value={values.willFormat}
            onChange={(e) => form.set('willFormat', e.target.value as PayloadFormat)}
          >
            {FORMATS.map((f) => (
              <option key={f.value} value={f.value}>
                {f.label}
              </option>
            ))}
          </select>
        </Field>
        <Field id={form.id('willQos')} label="Will QoS">
          <QosSelect
            id={form.id('willQos')}
            value={values.willQos}
            onChange={(q) => form.set('willQos', q)}
          />
          <FromCodeMark marks={form.fromCode} field="willQos" />
        </Field>
        <CheckboxInput form={form} field="willRetain" label="Retain" />
      </div>
      <fieldset className="subsection" disabled={!v5}>
        <legend>MQTT 5 will properties{v5 ? '' : ' (MQTT 5 only)'}</legend>
        <div className="field-row">
          <TextInput
            form={form}
            field="willDelayInterval"
            label="Will delay (s)"
            input={numeric({ placeholder: '0' })}
          />
          <TextInput
            form={form}
            field="willMessageExpiry"
            label="Message expiry (s)"
            input={numeric({ placeholder: 'none' })}
          />
        </div>
        <div className="field-row">
          <TextInput
            form={form}
            field="willContentType"
            label="Content type"
            input={{ className: 'mono', placeholder: 'application/json' }}
          />
          <TextInput
            form={form}
            field="willResponseTopic"
            label="Response topic"
            input={{ className: 'mono' }}
          />
        </div>
        <TextInput
          form={form}
          field="willCorrelationData"
          label="Correlation data (hex)"
          input={{ className: 'mono', placeholder: 'e.g. 0a1b2c' }}
        />
        <CheckboxInput
          form={form}
          field="willPayloadIsUtf8"
          label="Payload is UTF-8 text (format indicator 1)"
        />
        <KeyValueEditor
          label="Will user properties"
          noun="Will user property"
          rows={values.willUserProperties}
          problem={problems.willUserProperties}
          problemId={`${form.id('willUserProperties')}-problem`}
          onChange={(rows) => form.set('willUserProperties', rows)}
        />
      </fieldset>
    </div>
  );
}
