import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EXPORT_PASSPHRASE_MIN, type ExportResult, type ProfileView } from '../../electron/contract';
import { call, errorText } from '../api/client';
import { Dialog } from './Dialog';
import { downloadText } from './download';
import { downloadName, folderNames } from './profile-list-model';

export type ExportScope = { kind: 'one'; id: string } | { kind: 'folder'; folder: string } | { kind: 'all' };

interface Props {
  open: boolean;
  initialScope: ExportScope;
  profiles: readonly ProfileView[];
  onClose: () => void;
}

/** Export one profile, a folder or all of them; secrets only when asked, under a passphrase. */
export function ExportDialog({ open, initialScope, profiles, onClose }: Props) {
  const { t } = useTranslation();
  return (
    <Dialog open={open} title={t('profiles.exportDialog.title')} onClose={onClose}>
      {/* Mounted per opening: each starts from its scope, with secrets off. */}
      <ExportForm initialScope={initialScope} profiles={profiles} />
    </Dialog>
  );
}

function ExportForm({ initialScope, profiles }: Pick<Props, 'initialScope' | 'profiles'>) {
  const { t } = useTranslation();
  const id = useId();
  const [scopeKind, setScopeKind] = useState<ExportScope['kind']>(initialScope.kind);
  const [folder, setFolder] = useState(() =>
    initialScope.kind === 'folder' ? initialScope.folder : (folderNames(profiles)[0] ?? ''),
  );
  const [withSecrets, setWithSecrets] = useState(false);
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<ExportResult | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const folders = folderNames(profiles);
  const one = initialScope.kind === 'one' ? profiles.find((p) => p.id === initialScope.id) : undefined;

  const scope: ExportScope =
    scopeKind === 'one' && one
      ? { kind: 'one', id: one.id }
      : scopeKind === 'folder'
        ? { kind: 'folder', folder }
        : { kind: 'all' };

  const onExport = async () => {
    if (withSecrets) {
      if (passphrase.length < EXPORT_PASSPHRASE_MIN)
        return setProblem(t('profiles.exportDialog.shortPassphrase', { min: EXPORT_PASSPHRASE_MIN }));
      if (passphrase !== repeat) return setProblem(t('profiles.exportDialog.differ'));
    }
    setBusy(true);
    setProblem(null);
    try {
      const result = await call(
        'profiles.export',
        withSecrets ? { scope, includeSecrets: { passphrase } } : { scope },
      );
      downloadText(downloadName(result.fileName), result.text);
      setDone(result);
    } catch (error) {
      setProblem(errorText(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <fieldset className="dialog-fieldset">
        <legend>{t('profiles.exportDialog.what')}</legend>
        {one && (
          <label className="checkbox">
            <input
              type="radio"
              name={`${id}-scope`}
              checked={scopeKind === 'one'}
              onChange={() => setScopeKind('one')}
            />
            {t('profiles.exportDialog.thisProfile', { name: one.name })}
          </label>
        )}
        {folders.length > 0 && (
          <div className="inline-choice">
            <label className="checkbox">
              <input
                type="radio"
                name={`${id}-scope`}
                checked={scopeKind === 'folder'}
                onChange={() => setScopeKind('folder')}
              />
              {t('profiles.folder')}
            </label>
            <select
              aria-label={t('profiles.exportDialog.folderToExport')}
              value={folder}
              disabled={scopeKind !== 'folder'}
              onChange={(e) => setFolder(e.target.value)}
            >
              {folders.map((f) => (
                <option key={f} value={f}>
                  {f}
                </option>
              ))}
            </select>
          </div>
        )}
        <label className="checkbox">
          <input
            type="radio"
            name={`${id}-scope`}
            checked={scopeKind === 'all'}
            onChange={() => setScopeKind('all')}
          />
          {t('profiles.exportDialog.all', { count: profiles.length })}
        </label>
      </fieldset>
      <label className="checkbox">
        <input type="checkbox" checked={withSecrets} onChange={(e) => setWithSecrets(e.target.checked)} />
        {t('profiles.exportDialog.includeSecrets')}
      </label>
      {withSecrets ? (
        <div className="field-row">
          <div className="field">
            <label htmlFor={`${id}-pass`}>{t('profiles.exportDialog.passphrase')}</label>
            <input
              id={`${id}-pass`}
              type="password"
              autoComplete="new-password"
              value={passphrase}
              onChange={(e) => setPassphrase(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-repeat`}>{t('profiles.exportDialog.repeat')}</label>
            <input
              id={`${id}-repeat`}
              type="password"
              autoComplete="new-password"
              value={repeat}
              onChange={(e) => setRepeat(e.target.value)}
            />
          </div>
        </div>
      ) : (
        <p className="section-note">{t('profiles.exportDialog.noSecrets')}</p>
      )}
      {withSecrets && <p className="section-note">{t('profiles.exportDialog.sealed')}</p>}
      {problem && (
        <p className="field-problem" role="alert">
          {problem}
        </p>
      )}
      <p role="status" className="dialog-result">
        {done &&
          t(done.secretsIncluded ? 'profiles.exportDialog.doneSealed' : 'profiles.exportDialog.done', {
            count: done.count,
            file: done.fileName,
          })}
      </p>
      <div className="button-row dialog-actions">
        <button
          type="button"
          className="button-primary"
          aria-disabled={busy}
          onClick={() => !busy && void onExport()}
        >
          {t('profiles.exportDialog.export')}
        </button>
      </div>
    </>
  );
}
