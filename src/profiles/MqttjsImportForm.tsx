import { useId, useState } from 'react';
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
  const id = useId();
  const [code, setCode] = useState('');
  const [parsed, setParsed] = useState<ParseMqttjsResult | null>(null);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const read = async () => {
    if (code.trim() === '') return setProblem('Paste a mqtt.connect(...) call or an options object first.');
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
    if (name.trim() === '') return setProblem('Give the profile a name.');
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
        <label htmlFor={`${id}-code`}>mqtt.js code</label>
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
        <span className="section-note">The code is parsed, never run.</span>
      </div>
      {parsed && <LintList lint={parsed.lint} />}
      {draft && (
        <section className="mqttjs-draft" aria-label="Draft profile">
          <dl className="status-facts">
            <dt>Broker</dt>
            <dd className="mono">
              {draft.options.transport ?? 'mqtt'}://{draft.options.host}:{draft.options.port}
              {draft.options.path ?? ''}
            </dd>
            {draft.options.clientId && (
              <>
                <dt>Client ID</dt>
                <dd className="mono">{draft.options.clientId}</dd>
              </>
            )}
            {draft.options.username && (
              <>
                <dt>Username</dt>
                <dd className="mono">{draft.options.username}</dd>
              </>
            )}
            <dt>Keepalive</dt>
            <dd>{draft.options.keepaliveSeconds ?? 60} s</dd>
            {draft.options.will && (
              <>
                <dt>Will</dt>
                <dd className="mono">{draft.options.will.topic}</dd>
              </>
            )}
            {Object.keys(draft.secrets).length > 0 && (
              <>
                <dt>Secrets</dt>
                <dd>{Object.keys(draft.secrets).join(', ')} (saved encrypted)</dd>
              </>
            )}
          </dl>
          <div className="field">
            <label htmlFor={`${id}-name`}>Profile name</label>
            <input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} />
          </div>
        </section>
      )}
      {parsed && !draft && (
        <p className="field-problem">No connection could be read from this code (see above).</p>
      )}
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
          Read code
        </button>
        {draft && (
          <button
            type="button"
            className="button-primary"
            aria-disabled={busy}
            onClick={() => !busy && void create()}
          >
            Create profile
          </button>
        )}
      </div>
    </div>
  );
}
