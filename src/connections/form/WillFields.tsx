import { useTranslation } from 'react-i18next';
import type { PayloadFormat } from '../../../electron/contract';
import { KeyValueEditor } from '../../ui/KeyValueEditor';
import { Field } from '../../ui/field';
import { QosSelect } from '../../ui/QosSelect';
import { willPayloadProblem } from '../connect-form-values';
import { CheckboxInput, TextInput, numeric, type FormBinding } from './binding';
import { FromCodeMark } from './FromCodeMark';

const FORMATS: PayloadFormat[] = ['text', 'json', 'hex', 'base64'];

/** The message the broker publishes for us when we vanish without a DISCONNECT. */
export function WillFields({ form }: { form: FormBinding }) {
  const { t } = useTranslation();
  const { values, problems } = form;
  const v5 = values.protocolVersion === '5.0';
  const payloadId = form.id('willPayload');
  // Checked while typing, not only on Connect: a JSON typo is easier to fix where it is made.
  const payloadProblem =
    problems.willPayload ?? (values.willPayload === '' ? null : willPayloadProblem(values));

  return (
    <div className="section-fields">
      <p className="section-note">{t('connections.will.note')}</p>
      <TextInput
        form={form}
        field="willTopic"
        label={t('connections.will.topic')}
        input={{ className: 'mono', placeholder: 'devices/42/status' }}
      />
      <Field id={payloadId} label={t('connections.will.payload')} problem={payloadProblem}>
        <textarea
          id={payloadId}
          aria-invalid={payloadProblem ? true : undefined}
          aria-describedby={payloadProblem ? `${payloadId}-problem` : undefined}
          className="mono will-payload"
          rows={2}
          value={values.willPayload}
          placeholder={
            values.willFormat === 'json'
              ? t('connections.will.jsonPlaceholder')
              : t('connections.will.payloadPlaceholder')
          }
          spellCheck={false}
          onChange={(e) => form.set('willPayload', e.target.value)}
        />
        <FromCodeMark marks={form.fromCode} field="willPayload" />
      </Field>
      <div className="inline-fields">
        <Field id={form.id('willFormat')} label={t('connections.will.format')}>
          <select
            id={form.id('willFormat')}
            value={values.willFormat}
            onChange={(e) => form.set('willFormat', e.target.value as PayloadFormat)}
          >
            {FORMATS.map((f) => (
              <option key={f} value={f}>
                {t(`format.payload.${f}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field id={form.id('willQos')} label={t('connections.will.qos')}>
          <QosSelect
            id={form.id('willQos')}
            value={values.willQos}
            onChange={(q) => form.set('willQos', q)}
          />
          <FromCodeMark marks={form.fromCode} field="willQos" />
        </Field>
        <CheckboxInput form={form} field="willRetain" label={t('connections.will.retain')} />
      </div>
      <fieldset className="subsection" disabled={!v5}>
        <legend>{v5 ? t('connections.will.properties') : t('connections.will.propertiesOff')}</legend>
        <div className="field-row">
          <TextInput
            form={form}
            field="willDelayInterval"
            label={t('connections.will.delay')}
            input={numeric({ placeholder: '0' })}
          />
          <TextInput
            form={form}
            field="willMessageExpiry"
            label={t('connections.will.expiry')}
            input={numeric({ placeholder: t('connections.will.none') })}
          />
        </div>
        <div className="field-row">
          <TextInput
            form={form}
            field="willContentType"
            label={t('connections.will.contentType')}
            input={{ className: 'mono', placeholder: 'application/json' }}
          />
          <TextInput
            form={form}
            field="willResponseTopic"
            label={t('connections.will.responseTopic')}
            input={{ className: 'mono' }}
          />
        </div>
        <TextInput
          form={form}
          field="willCorrelationData"
          label={t('connections.will.correlationData')}
          input={{ className: 'mono', placeholder: t('connections.will.correlationPlaceholder') }}
        />
        <CheckboxInput form={form} field="willPayloadIsUtf8" label={t('connections.will.utf8')} />
        <KeyValueEditor
          label={t('connections.will.userProperties')}
          noun={t('connections.will.userProperty')}
          rows={values.willUserProperties}
          problem={problems.willUserProperties}
          problemId={`${form.id('willUserProperties')}-problem`}
          onChange={(rows) => form.set('willUserProperties', rows)}
        />
      </fieldset>
    </div>
  );
}
