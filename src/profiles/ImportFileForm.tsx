import { useId, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConflictDecision, ImportResult } from '../../electron/contract';
import { call, errorText } from '../api/client';
import type { OpenedExport } from '../app/opened-files';
import { ImportReport } from './ImportReport';

const DECISIONS: ConflictDecision[] = ['copy', 'overwrite', 'skip'];

/** Importing a file: ours (maybe with sealed secrets) or MQTTX's JSON or YAML export. */
export function ImportFileForm({ source, initial }: { source: 'mqscope' | 'mqttx'; initial?: OpenedExport }) {
  const { t } = useTranslation();
  const id = useId();
  const [text, setText] = useState(initial?.text ?? '');
  const [fileName, setFileName] = useState<string | null>(initial?.name ?? null);
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
    if (text.trim() === '') return setProblem(t('profiles.importFile.empty'));
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

  const what = source === 'mqttx' ? t('profiles.importFile.mqttx') : t('profiles.importFile.mqscope');

  if (result?.status === 'done') return <ImportReport report={result.report} />;

  return (
    <div className="import-form">
      <div className="field">
        <label htmlFor={`${id}-file`}>{t('profiles.importFile.file')}</label>
        <input
          id={`${id}-file`}
          type="file"
          accept={source === 'mqttx' ? '.json,.yaml,.yml,application/json' : '.json,application/json'}
          onChange={(e) => void onFile(e)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-text`}>
          {fileName
            ? t('profiles.importFile.contentsOf', { name: fileName })
            : t('profiles.importFile.orPaste', { what })}
        </label>
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
          <label htmlFor={`${id}-folder`}>{t('profiles.importFile.folder')}</label>
          <input id={`${id}-folder`} value={folder} onChange={(e) => setFolder(e.target.value)} />
        </div>
      )}
      {result?.status === 'needs-passphrase' && (
        <div className="import-ask" role="group" aria-label={t('profiles.importFile.sealedLabel')}>
          <p>{t('profiles.importFile.sealed')}</p>
          <div className="field">
            <label htmlFor={`${id}-pass`}>{t('profiles.importFile.passphrase')}</label>
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
        <div className="import-ask" role="group" aria-label={t('profiles.importFile.conflicts')}>
          <p>
            {t('profiles.importFile.conflictCount', {
              conflicts: result.conflicts.length,
              total: result.total,
            })}
          </p>
          <ul className="conflict-list">
            {result.conflicts.map((c) => (
              <li key={c.index}>
                <strong>{c.name}</strong>
                {c.folder && (
                  <span className="muted">{t('profiles.importFile.inFolder', { folder: c.folder })}</span>
                )}
                {t('profiles.importFile.matches', { name: c.existingName })}
              </li>
            ))}
          </ul>
          <fieldset className="dialog-fieldset">
            <legend>{t('profiles.importFile.forAll')}</legend>
            {DECISIONS.map((d) => (
              <label key={d} className="checkbox">
                <input
                  type="radio"
                  name={`${id}-decision`}
                  checked={decision === d}
                  onChange={() => setDecision(d)}
                />
                {t(`profiles.importFile.decision.${d}`)}
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
            {t('profiles.importFile.continue')}
          </button>
        ) : result?.status === 'needs-passphrase' ? (
          <>
            <button
              type="button"
              className="button-primary"
              aria-disabled={busy}
              onClick={() =>
                !busy &&
                (passphrase === '' ? setProblem(t('profiles.importFile.typePassphrase')) : void run())
              }
            >
              {t('profiles.importFile.withSecrets')}
            </button>
            <button
              type="button"
              aria-disabled={busy}
              onClick={() => !busy && void run({ ignoreSecrets: true })}
            >
              {t('profiles.importFile.withoutSecrets')}
            </button>
          </>
        ) : (
          <button
            type="button"
            className="button-primary"
            aria-disabled={busy}
            onClick={() => !busy && void run()}
          >
            {t('profiles.importFile.import')}
          </button>
        )}
      </div>
    </div>
  );
}
