import { useId, useState } from 'react';
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
function brokerText(draft: MqttjsDraft): string {
  const computed = draft.fromCode.find((f) => f.field === 'host');
  if (computed) return `from code: ${computed.expression}`;
  const { transport, host, port, path } = draft.options;
  const ws = transport === 'ws' || transport === 'wss';
  return `${transport}://${host || '?'}:${port}${ws ? (path ?? '/mqtt') : ''}`;
}

/**
 * Paste a `mqtt.connect(...)` call: read (never run) by the host and linted; the draft opens
 * in the connection form, unsaved, with what the code computes marked for the user to fill.
 */
export function MqttjsImportForm({ onDraft }: { onDraft: (draft: ProfileDraft) => void }) {
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

  const open = () => {
    const draft = parsed?.draft;
    if (!draft) return;
    if (name.trim() === '') return setProblem('Give the profile a name.');
    onDraft(draftFromMqttjs(draft, name.trim()));
  };

  const draft = parsed?.draft;
  const toFill = draft ? new Set(draft.fromCode.map((f) => f.field)).size : 0;
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
            <dd className="mono">{brokerText(draft)}</dd>
            {draft.options.clientId && (
              <>
                <dt>Client ID</dt>
                <dd className="mono">{draft.options.clientId}</dd>
              </>
            )}
            {draft.options.will && (
              <>
                <dt>Will</dt>
                <dd className="mono">{draft.options.will.topic || 'topic from code'}</dd>
              </>
            )}
            <dt>To fill in</dt>
            <dd>
              {toFill === 0
                ? 'nothing: every value is in the code'
                : `${toFill} field${toFill === 1 ? '' : 's'} marked “from code” in the form`}
            </dd>
          </dl>
          <div className="field">
            <label htmlFor={`${id}-name`}>Profile name</label>
            <input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} />
          </div>
          <p className="section-note">
            The draft opens in the connection form, not saved yet: fill in what is marked, then Save.
          </p>
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
          <button type="button" className="button-primary" onClick={open}>
            Open in the form
          </button>
        )}
      </div>
    </div>
  );
}
