import { useTranslation } from 'react-i18next';
import { PemInput } from '../../ui/PemInput';
import { isTlsTransport } from '../connect-form-values';
import { CheckboxInput, TextInput, type FormBinding } from './binding';
import { FromCodeMark } from './FromCodeMark';
import { SavedSecret, savedPlaceholder } from './SavedSecret';

/** Certificates and server checks; only used with mqtts:// and wss://. */
export function TlsFields({ form }: { form: FormBinding }) {
  const { t } = useTranslation();
  const { values, problems } = form;
  const off = !isTlsTransport(values.transport);
  return (
    <fieldset className="section-fields" disabled={off}>
      {off && <p className="section-note">{t('connections.tls.only')}</p>}
      <CheckboxInput form={form} field="verifyServer" label={t('connections.tls.verify')} />
      {!values.verifyServer && !off && <p className="warning-note">{t('connections.tls.verifyOff')}</p>}
      <PemInput
        id={form.id('ca')}
        label={t('connections.tls.ca')}
        value={values.ca}
        problem={problems.ca}
        onChange={(v) => form.set('ca', v)}
      />
      <FromCodeMark marks={form.fromCode} field="ca" />
      <PemInput
        id={form.id('cert')}
        label={t('connections.tls.cert')}
        value={values.cert}
        problem={problems.cert}
        onChange={(v) => form.set('cert', v)}
      />
      <FromCodeMark marks={form.fromCode} field="cert" />
      <PemInput
        id={form.id('key')}
        label={t('connections.tls.key')}
        value={values.key}
        problem={problems.key}
        onChange={(v) => form.set('key', v)}
        placeholder={savedPlaceholder(form.secrets?.keyPem)}
      />
      <FromCodeMark marks={form.fromCode} field="key" />
      {values.key.mode === 'pem' && (
        <SavedSecret
          secret={form.secrets?.keyPem}
          noun={t('connections.secret.privateKey')}
          typed={values.key.text.trim() !== ''}
        />
      )}
      <TextInput
        form={form}
        field="passphrase"
        label={t('connections.tls.passphrase')}
        input={{
          type: 'password',
          autoComplete: 'new-password',
          placeholder: savedPlaceholder(form.secrets?.passphrase),
        }}
      />
      <SavedSecret
        secret={form.secrets?.passphrase}
        noun={t('connections.secret.passphrase')}
        typed={values.passphrase !== ''}
      />
      <div className="field-row">
        <TextInput
          form={form}
          field="servername"
          label={t('connections.tls.servername')}
          input={{ className: 'mono', placeholder: t('connections.tls.servernamePlaceholder') }}
        />
        <TextInput
          form={form}
          field="alpn"
          label={t('connections.tls.alpn')}
          input={{ className: 'mono', placeholder: t('connections.tls.alpnPlaceholder') }}
        />
      </div>
    </fieldset>
  );
}
