import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ParseMqttjsResult, ProfileView } from '../../electron/contract';
import { call, errorText } from '../api/client';
import { LintList } from './LintList';

const EXAMPLE = `mqtt.connect('wss://broker.example.com:8084/mqtt', {
  clientId: 'web-1',
  username: 'device',
  password: process.env.MQTT_PASSWORD,
  keepalive: 30,
})`;

/** Paste a `mqtt.connect(...)` call: read (never run) by the host, linted, then saved. */
export function MqttjsImportForm({ onCreated }: { onCreated: (profile: ProfileView) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [code, setCode] = useState('');
  const [parsed, setParsed] = useState<ParseMqttjsResult | null>(null);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const read = async () => {
    if (code.trim() === '') return setProblem(t('profiles.mqttjsImport.empty'));
    setBusy(true);
    setProblem(null);
    try {
      const result = await call('profiles.parseMqttjs', { code });
      setParsed(result);
      setName(result.draft?.name ?? '');
    } catch (error) {
      setProblem(errorText(error));
    } finally {
      setBusy(false);
    }
  };

  const create = async () => {
    const draft = parsed?.draft;
    if (!draft) return;
    if (name.trim() === '') return setProblem(t('profiles.mqttjsImport.noName'));
    setBusy(true);
    setProblem(null);
    try {
      onCreated(
        await call('profiles.save', { name: name.trim(), options: draft.options, secrets: draft.secrets }),
      );
    } catch (error) {
      setProblem(errorText(error));
    } finally {
      setBusy(false);
    }
  };

  const draft = parsed?.draft;
  return (
    <div className="import-form">
      <div className="field">
        <label htmlFor={`${id}-code`}>{t('profiles.mqttjs.code')}</label>
        <textarea
          id={`${id}-code`}
          className="mono"
          rows={8}
          spellCheck={false}
          placeholder={EXAMPLE}
          value={code}
          onChange={(e) => {
            setCode(e.target.value);
            setParsed(null);
          }}
        />
        <span className="section-note">{t('profiles.mqttjsImport.neverRun')}</span>
      </div>
      {parsed && <LintList lint={parsed.lint} />}
      {draft && (
        <section className="mqttjs-draft" aria-label={t('profiles.mqttjsImport.draft')}>
          <dl className="status-facts">
            <dt>{t('connections.status.broker')}</dt>
            <dd className="mono">
              {draft.options.transport ?? 'mqtt'}://{draft.options.host}:{draft.options.port}
              {draft.options.path ?? ''}
            </dd>
            {draft.options.clientId && (
              <>
                <dt>{t('connections.status.clientId')}</dt>
                <dd className="mono">{draft.options.clientId}</dd>
              </>
            )}
            {draft.options.username && (
              <>
                <dt>{t('connections.general.username')}</dt>
                <dd className="mono">{draft.options.username}</dd>
              </>
            )}
            <dt>{t('lab.keepalive.title')}</dt>
            <dd>{t('format.secondsExact', { value: draft.options.keepaliveSeconds ?? 60 })}</dd>
            {draft.options.will && (
              <>
                <dt>{t('lab.result.will')}</dt>
                <dd className="mono">{draft.options.will.topic}</dd>
              </>
            )}
            {Object.keys(draft.secrets).length > 0 && (
              <>
                <dt>{t('profiles.mqttjsImport.secrets')}</dt>
                <dd>
                  {t('profiles.mqttjsImport.secretsSaved', { names: Object.keys(draft.secrets).join(', ') })}
                </dd>
              </>
            )}
          </dl>
          <div className="field">
            <label htmlFor={`${id}-name`}>{t('profiles.name')}</label>
            <input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} />
          </div>
        </section>
      )}
      {parsed && !draft && <p className="field-problem">{t('profiles.mqttjsImport.nothing')}</p>}
      {problem && (
        <p className="field-problem" role="alert">
          {problem}
        </p>
      )}
      <div className="button-row">
        <button
          type="button"
          className={draft ? undefined : 'button-primary'}
          aria-disabled={busy}
          onClick={() => !busy && void read()}
        >
          {t('profiles.mqttjsImport.read')}
        </button>
        {draft && (
          <button
            type="button"
            className="button-primary"
            aria-disabled={busy}
            onClick={() => !busy && void create()}
          >
            {t('profiles.mqttjsImport.create')}
          </button>
        )}
      </div>
    </div>
  );
}
