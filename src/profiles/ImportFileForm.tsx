import { useId, useState, type ChangeEvent } from 'react';
import type { ConflictDecision, ImportResult } from '../../electron/contract';
import { call, errorText } from '../api/client';
import { ImportReport } from './ImportReport';

const DECISIONS: { value: ConflictDecision; label: string }[] = [
  { value: 'copy', label: 'Import as copies' },
  { value: 'overwrite', label: 'Overwrite the existing ones' },
  { value: 'skip', label: 'Skip them' },
];

/** Importing a file: ours (maybe with sealed secrets) or MQTTX's JSON or YAML export. */
export function ImportFileForm({ source }: { source: 'mqscope' | 'mqttx' }) {
  const id = useId();
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [folder, setFolder] = useState('MQTTX');
  const [passphrase, setPassphrase] = useState('');
  const [decision, setDecision] = useState<ConflictDecision>('copy');
  const [result, setResult] = useState<ImportResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  /** Chosen once ("Import without secrets"), it holds for the conflict round too. */
  const [withoutSecrets, setWithoutSecrets] = useState(false);

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    setFileName(file.name);
    setText(await file.text());
    setResult(null);
  };

  const run = async (options: { onConflict?: ConflictDecision; ignoreSecrets?: boolean } = {}) => {
    const ignoreSecrets = options.ignoreSecrets ?? withoutSecrets;
    if (ignoreSecrets) setWithoutSecrets(true);
    if (text.trim() === '') return setProblem('Choose a file or paste its contents first.');
    setBusy(true);
    setProblem(null);
    try {
      const answer =
        source === 'mqttx'
          ? await call('profiles.importMqttx', {
              text,
              folder: folder.trim(),
              ...(options.onConflict ? { onConflict: options.onConflict } : {}),
            })
          : await call('profiles.import', {
              text,
              ignoreSecrets,
              ...(passphrase !== '' && !ignoreSecrets ? { passphrase } : {}),
              ...(options.onConflict ? { onConflict: options.onConflict } : {}),
            });
      setResult(answer);
    } catch (error) {
      setProblem(errorText(error));
    } finally {
      setBusy(false);
    }
  };

  const what = source === 'mqttx' ? 'MQTTX export (JSON or YAML)' : 'MQScope export (JSON)';

  if (result?.status === 'done') return <ImportReport report={result.report} />;

  return (
    <div className="import-form">
      <div className="field">
        <label htmlFor={`${id}-file`}>File</label>
        <input
          id={`${id}-file`}
          type="file"
          accept={source === 'mqttx' ? '.json,.yaml,.yml,application/json' : '.json,application/json'}
          onChange={(e) => void onFile(e)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-text`}>{fileName ? `Contents of ${fileName}` : `Or paste the ${what}`}</label>
        <textarea
          id={`${id}-text`}
          className="mono"
          rows={6}
          spellCheck={false}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setResult(null);
          }}
        />
      </div>
      {source === 'mqttx' && (
        <div className="field">
          <label htmlFor={`${id}-folder`}>Put the profiles in folder</label>
          <input id={`${id}-folder`} value={folder} onChange={(e) => setFolder(e.target.value)} />
        </div>
      )}
      {result?.status === 'needs-passphrase' && (
        <div className="import-ask" role="group" aria-label="Sealed secrets">
          <p>This file carries secrets sealed with a passphrase.</p>
          <div className="field">
            <label htmlFor={`${id}-pass`}>Passphrase of the file</label>
            <input
              id={`${id}-pass`}
              type="password"
              autoComplete="off"
              value={passphrase}
              onChange={(e) => setPassphrase(e.target.value)}
            />
          </div>
        </div>
      )}
      {result?.status === 'conflicts' && (
        <div className="import-ask" role="group" aria-label="Conflicts">
          <p>
            {result.conflicts.length} of {result.total} already exist. Nothing was imported yet.
          </p>
          <ul className="conflict-list">
            {result.conflicts.map((c) => (
              <li key={c.index}>
                <strong>{c.name}</strong>
                {c.folder && <span className="muted"> in {c.folder}</span>} matches “{c.existingName}”
              </li>
            ))}
          </ul>
          <fieldset className="dialog-fieldset">
            <legend>For all of them</legend>
            {DECISIONS.map((d) => (
              <label key={d.value} className="checkbox">
                <input
                  type="radio"
                  name={`${id}-decision`}
                  checked={decision === d.value}
                  onChange={() => setDecision(d.value)}
                />
                {d.label}
              </label>
            ))}
          </fieldset>
        </div>
      )}
      {problem && (
        <p className="field-problem" role="alert">
          {problem}
        </p>
      )}
      <div className="button-row">
        {result?.status === 'conflicts' ? (
          <button
            type="button"
            className="button-primary"
            aria-disabled={busy}
            onClick={() => !busy && void run({ onConflict: decision })}
          >
            Continue import
          </button>
        ) : result?.status === 'needs-passphrase' ? (
          <>
            <button
              type="button"
              className="button-primary"
              aria-disabled={busy}
              onClick={() =>
                !busy && (passphrase === '' ? setProblem('Type the passphrase of the file.') : void run())
              }
            >
              Import with secrets
            </button>
            <button
              type="button"
              aria-disabled={busy}
              onClick={() => !busy && void run({ ignoreSecrets: true })}
            >
              Import without secrets
            </button>
          </>
        ) : (
          <button
            type="button"
            className="button-primary"
            aria-disabled={busy}
            onClick={() => !busy && void run()}
          >
            Import
          </button>
        )}
      </div>
    </div>
  );
}
