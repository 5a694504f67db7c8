import { PemInput } from '../../ui/PemInput';
import { isTlsTransport } from '../connect-form-values';
import { CheckboxInput, TextInput, type FormBinding } from './binding';
import { FromCodeMark } from './FromCodeMark';
import { SavedSecret, savedPlaceholder } from './SavedSecret';

/** Certificates and server checks; only used with mqtts:// and wss://. */
export function TlsFields({ form }: { form: FormBinding }) {
  const { values, problems } = form;
  const off = !isTlsTransport(values.transport);
  return (
    <fieldset className="section-fields" disabled={off}>
      {off && <p className="section-note">Used with MQTT over TLS and Secure WebSocket only.</p>}
      <CheckboxInput form={form} field="verifyServer" label="Verify server certificate" />
      {!values.verifyServer && !off && (
        <p className="warning-note">
          The broker&rsquo;s certificate will not be checked: anyone on the path can read and change the
          traffic.
        </p>
      )}
      <PemInput
        id={form.id('ca')}
        label="CA certificate"
        value={values.ca}
        problem={problems.ca}
        onChange={(v) => form.set('ca', v)}
      />
      <FromCodeMark marks={form.fromCode} field="ca" />
      <PemInput
        id={form.id('cert')}
        label="Client certificate"
        value={values.cert}
        problem={problems.cert}
        onChange={(v) => form.set('cert', v)}
      />
      <FromCodeMark marks={form.fromCode} field="cert" />
      <PemInput
        id={form.id('key')}
        label="Client key"
        value={values.key}
        problem={problems.key}
        onChange={(v) => form.set('key', v)}
        placeholder={savedPlaceholder(form.secrets?.keyPem)}
      />
      <FromCodeMark marks={form.fromCode} field="key" />
      {values.key.mode === 'pem' && (
        <SavedSecret secret={form.secrets?.keyPem} noun="private key" typed={values.key.text.trim() !== ''} />
      )}
      <TextInput
        form={form}
        field="passphrase"
        label="Key passphrase"
        input={{
          type: 'password',
          autoComplete: 'new-password',
          placeholder: savedPlaceholder(form.secrets?.passphrase),
        }}
      />
      <SavedSecret secret={form.secrets?.passphrase} noun="key passphrase" typed={values.passphrase !== ''} />
      <div className="field-row">
        <TextInput
          form={form}
          field="servername"
          label="SNI server name"
          input={{ className: 'mono', placeholder: 'the host' }}
        />
        <TextInput
          form={form}
          field="alpn"
          label="ALPN protocols"
          input={{ className: 'mono', placeholder: 'comma-separated' }}
        />
      </div>
    </fieldset>
  );
}
