import { Pencil, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Script, ScriptKind, ScriptRun } from '../../electron/contract';
import { SCRIPT_KINDS_IN_ORDER } from './script-kinds';

interface Props {
  scripts: readonly Script[];
  runs: readonly ScriptRun[];
  selectedId: string | null;
  dirtyIds: ReadonlySet<string>;
  onSelect(scriptId: string): void;
  onRename(script: Script, name: string): void;
  onDelete(script: Script): void;
}

/** The profile's scripts in three groups, each row with its unsaved and running marks. */
export function ScriptList(props: Props) {
  const { t } = useTranslation();
  return (
    <div className="script-groups">
      {SCRIPT_KINDS_IN_ORDER.map((kind) => {
        const ofKind = props.scripts.filter((s) => s.options.kind === kind);
        return (
          <section key={kind} className="script-group">
            <h3 className="section-title">{t(`scripts.kind.${kind}`)}</h3>
            {ofKind.length === 0 ? (
              <p className="muted script-none">{t('scripts.none')}</p>
            ) : (
              <ul className="script-list" aria-label={t(`scripts.kind.${kind}`)}>
                {ofKind.map((script) => (
                  <ScriptRow key={script.id} script={script} kind={kind} {...props} />
                ))}
              </ul>
            )}
          </section>
        );
      })}
    </div>
  );
}

function ScriptRow({
  script,
  runs,
  selectedId,
  dirtyIds,
  onSelect,
  onRename,
  onDelete,
}: Props & { script: Script; kind: ScriptKind }) {
  const { t } = useTranslation();
  const [renaming, setRenaming] = useState<string | null>(null);
  const running = runs.some((r) => r.scriptId === script.id && r.running);
  const selected = script.id === selectedId;
  if (renaming !== null) {
    return (
      <li className="script-row is-renaming">
        <form
          className="script-rename"
          onSubmit={(e) => {
            e.preventDefault();
            if (renaming.trim()) onRename(script, renaming.trim());
            setRenaming(null);
          }}
        >
          <input
            aria-label={t('scripts.renameNamed', { name: script.name })}
            value={renaming}
            maxLength={200}
            autoFocus
            onChange={(e) => setRenaming(e.target.value)}
            onKeyDown={(e) => e.key === 'Escape' && setRenaming(null)}
          />
          <button type="submit" className="button-small">
            {t('scripts.save')}
          </button>
        </form>
      </li>
    );
  }
  return (
    <li className={selected ? 'script-row is-selected' : 'script-row'}>
      <button
        type="button"
        className="script-open"
        aria-current={selected ? 'true' : undefined}
        title={t('scripts.openNamed', { name: script.name })}
        onClick={() => onSelect(script.id)}
      >
        <span className="script-name">{script.name}</span>
        {dirtyIds.has(script.id) && (
          <span
            className="script-dirty"
            role="img"
            aria-label={t('scripts.unsaved')}
            title={t('scripts.unsaved')}
          >
            •
          </span>
        )}
        {running && <span className="script-running">{t('scripts.running')}</span>}
      </button>
      <button
        type="button"
        className="button-small script-icon"
        aria-label={t('scripts.renameNamed', { name: script.name })}
        title={t('scripts.rename')}
        onClick={() => setRenaming(script.name)}
      >
        <Pencil size={13} aria-hidden="true" />
      </button>
      <button
        type="button"
        className="button-small script-icon script-delete"
        aria-label={t('scripts.deleteNamed', { name: script.name })}
        title={t('scripts.delete')}
        onClick={() => onDelete(script)}
      >
        <Trash2 size={13} aria-hidden="true" />
      </button>
    </li>
  );
}
