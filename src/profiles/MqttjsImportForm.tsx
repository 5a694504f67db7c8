import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MqttjsDraft, ParseMqttjsResult } from '../../electron/contract';
import { call, errorText } from '../api/client';
import { LintList } from './LintList';
import { draftFromMqttjs, type ProfileDraft } from './profile-draft';

const EXAMPLE = `const deviceClient = mqtt.connect(url, {
  clientId: 'web-1',
  username: 'device',
  password: process.env.MQTT_PASSWORD,
  keepalive: 30,
})`;

/** The broker as the draft has it; a path only for WebSocket URLs, the code's own words where it computes one. */
function brokerText(draft: MqttjsDraft, fromCode: (expression: string) => string): string {
  const computed = draft.fromCode.find((f) => f.field === 'host');
  if (computed) return fromCode(computed.expression);
  const { transport, host, port, path } = draft.options;
  const ws = transport === 'ws' || transport === 'wss';
  return `${transport}://${host || '?'}:${port}${ws ? (path ?? '/mqtt') : ''}`;
}

/**
 * Paste a `mqtt.connect(...)` call: read (never run) by the host and linted; the draft opens
 * in the connection form, unsaved, with what the code computes marked for the user to fill.
 */
export function MqttjsImportForm({ onDraft }: { onDraft: (draft: ProfileDraft) => void }) {
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

  const open = () => {
    const draft = parsed?.draft;
    if (!draft) return;
    if (name.trim() === '') return setProblem(t('profiles.mqttjsImport.noName'));
    onDraft(draftFromMqttjs(draft, name.trim()));
  };

  const draft = parsed?.draft;
  const toFill = draft ? new Set(draft.fromCode.map((f) => f.field)).size : 0;
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
              {brokerText(draft, (expression) => t('profiles.mqttjsImport.fromCode', { expression }))}
            </dd>
            {draft.options.clientId && (
              <>
                <dt>{t('connections.status.clientId')}</dt>
                <dd className="mono">{draft.options.clientId}</dd>
              </>
            )}
            {draft.options.will && (
              <>
                <dt>{t('lab.result.will')}</dt>
                <dd className="mono">
                  {draft.options.will.topic || t('profiles.mqttjsImport.willFromCode')}
                </dd>
              </>
            )}
            <dt>{t('profiles.mqttjsImport.toFill')}</dt>
            <dd>
              {toFill === 0
                ? t('profiles.mqttjsImport.toFillNone')
                : t('profiles.mqttjsImport.toFillSome', { count: toFill })}
            </dd>
          </dl>
          <div className="field">
            <label htmlFor={`${id}-name`}>{t('profiles.name')}</label>
            <input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} />
          </div>
          <p className="section-note">{t('profiles.mqttjsImport.opensUnsaved')}</p>
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
          <button type="button" className="button-primary" onClick={open}>
            {t('profiles.mqttjsImport.open')}
          </button>
        )}
      </div>
    </div>
  );
}
