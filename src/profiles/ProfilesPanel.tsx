import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProfileView } from '../../electron/contract';
import { errorText } from '../api/client';
import { useTakeOpenedFile, type OpenedExport } from '../app/opened-files';
import { ExportDialog, type ExportScope } from './ExportDialog';
import { ImportDialog } from './ImportDialog';
import { MqttjsCodeDialog } from './MqttjsCodeDialog';
import { useProfileEditor } from './profile-editor';
import { groupProfiles, moveInFolder } from './profile-list-model';
import {
  useConnectProfile,
  useDeleteProfiles,
  useDuplicateProfile,
  useProfileList,
  useReorderProfiles,
  useSaveProfile,
  useUndoDelete,
} from './profile-queries';
import { ProfileRow } from './ProfileRow';
import { UndoToast, type DeletedProfiles } from './UndoToast';

type OpenDialog =
  | { kind: 'import'; file?: OpenedExport }
  | { kind: 'export'; scope: ExportScope }
  | { kind: 'mqttjs'; profile: ProfileView }
  | null;

/**
 * Saved profiles, above the connection form: grouped by folder, filtered by name or host,
 * each with Connect. Picking one loads it into the form, which is its editor.
 */
export function ProfilesPanel({ enabled }: { enabled: boolean }) {
  const { t } = useTranslation();
  const list = useProfileList(enabled);
  const editor = useProfileEditor();
  const connect = useConnectProfile();
  const save = useSaveProfile();
  const duplicate = useDuplicateProfile();
  const reorder = useReorderProfiles();
  const remove = useDeleteProfiles();
  const undo = useUndoDelete();
  const [filter, setFilter] = useState('');
  const [folded, setFolded] = useState<ReadonlySet<string>>(new Set());
  const [renamingId, setRenamingId] = useState<string | null>(null);
  const [deleted, setDeleted] = useState<DeletedProfiles | null>(null);
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const [problem, setProblem] = useState<string | null>(null);
  // An export opened from the desktop is shown in the import dialog, never imported unseen.
  useTakeOpenedFile('export', (file) => setDialog({ kind: 'import', file }));

  const profiles = list.data?.profiles ?? [];
  const groups = groupProfiles(profiles, filter);
  const selectedId = editor.draft.profileId;
  const selected = profiles.find((p) => p.id === selectedId) ?? null;
  const fail = (error: unknown) => setProblem(errorText(error));
  const ok = () => setProblem(null);

  const move = (id: string, delta: -1 | 1) => {
    const input = moveInFolder(profiles, id, delta);
    if (input) reorder.mutate(input, { onSuccess: ok, onError: fail });
  };
  const rename = (profile: ProfileView, name: string | null) => {
    setRenamingId(null);
    if (name === null) return;
    save.mutate(
      { id: profile.id, name },
      {
        onSuccess: (view) => {
          ok();
          editor.renamed(view);
        },
        onError: fail,
      },
    );
  };
  const onDelete = (profile: ProfileView) =>
    remove.mutate([profile.id], {
      onSuccess: ({ undoToken }) => {
        ok();
        editor.deleted([profile.id]);
        setDeleted({ undoToken, label: `"${profile.name}"` });
      },
      onError: fail,
    });
  const onUndo = (token: string) =>
    undo.mutate(token, {
      onSuccess: () => {
        ok();
        setDeleted(null);
      },
      onError: fail,
    });
  const onDuplicate = (profile: ProfileView) =>
    duplicate.mutate(profile.id, {
      onSuccess: (copy) => {
        ok();
        editor.switchTo(copy);
      },
      onError: fail,
    });

  const toggleFolder = (folder: string) =>
    setFolded((set) => {
      const next = new Set(set);
      if (next.has(folder)) next.delete(folder);
      else next.add(folder);
      return next;
    });

  return (
    <section className="profiles-panel" aria-labelledby="profiles-title">
      <div className="panel-head">
        <h2 id="profiles-title" className="section-title">
          {profiles.length > 0 ? t('profiles.titleCount', { count: profiles.length }) : t('profiles.title')}
        </h2>
        <div className="panel-head-actions">
          <button
            type="button"
            className="button-small"
            onClick={() => editor.switchTo({ newIn: selected?.folder ?? '' })}
          >
            {t('profiles.new')}
          </button>
          <button type="button" className="button-small" onClick={() => setDialog({ kind: 'import' })}>
            {t('profiles.import')}
          </button>
          <button
            type="button"
            className="button-small"
            aria-disabled={profiles.length === 0}
            onClick={() => profiles.length > 0 && setDialog({ kind: 'export', scope: { kind: 'all' } })}
          >
            {t('profiles.export')}
          </button>
        </div>
      </div>
      {list.isError && (
        <p className="field-problem" role="alert">
          {errorText(list.error)}
        </p>
      )}
      {profiles.length > 0 && (
        <div className="field profile-filter">
          <label htmlFor="profile-filter">{t('profiles.filter')}</label>
          <input
            id="profile-filter"
            type="search"
            value={filter}
            placeholder={t('profiles.filterPlaceholder')}
            spellCheck={false}
            autoComplete="off"
            onChange={(e) => setFilter(e.target.value)}
          />
        </div>
      )}
      {list.isSuccess && profiles.length === 0 && <p className="section-note">{t('profiles.none')}</p>}
      {profiles.length > 0 && groups.length === 0 && (
        <p className="section-note">{t('profiles.noMatch', { filter: filter.trim() })}</p>
      )}
      <div className="profile-groups" aria-label={t('profiles.saved')} role="group">
        {groups.map(({ folder, profiles: inFolder }) => {
          const open = filter.trim() !== '' || !folded.has(folder);
          const rows = (
            <ul
              className="sidebar-list profile-rows"
              aria-label={folder === '' ? t('profiles.title') : t('profiles.inFolder', { folder })}
            >
              {inFolder.map((profile) => (
                <ProfileRow
                  key={profile.id}
                  profile={profile}
                  selected={profile.id === selectedId}
                  renaming={renamingId === profile.id}
                  connecting={connect.isPending}
                  onSelect={() => profile.id !== selectedId && editor.switchTo(profile)}
                  onConnect={() => connect.mutate({ profile }, { onSuccess: ok, onError: fail })}
                  onMove={(delta) => move(profile.id, delta)}
                  onStartRename={() => setRenamingId(profile.id)}
                  onRename={(name) => rename(profile, name)}
                />
              ))}
            </ul>
          );
          if (folder === '') return <div key="">{rows}</div>;
          return (
            <div key={folder} className="profile-folder">
              <button
                type="button"
                className="folder-toggle"
                aria-expanded={open}
                onClick={() => toggleFolder(folder)}
              >
                <span className="section-chevron" aria-hidden="true" />
                <span className="folder-name">{folder}</span>
                <span className="muted folder-count">{inFolder.length}</span>
              </button>
              {open && rows}
            </div>
          );
        })}
      </div>
      {selected && (
        <div
          className="profile-actions"
          role="toolbar"
          aria-label={t('profiles.actionsFor', { name: selected.name })}
        >
          <button type="button" className="button-small" onClick={() => setRenamingId(selected.id)}>
            {t('profiles.rename')}
          </button>
          <button type="button" className="button-small" onClick={() => onDuplicate(selected)}>
            {t('profiles.duplicate')}
          </button>
          <button
            type="button"
            className="button-small"
            aria-label={t('profiles.moveUp')}
            title={t('profiles.moveUpTitle')}
            onClick={() => move(selected.id, -1)}
          >
            {t('profiles.up')}
          </button>
          <button
            type="button"
            className="button-small"
            aria-label={t('profiles.moveDown')}
            title={t('profiles.moveDownTitle')}
            onClick={() => move(selected.id, 1)}
          >
            {t('profiles.down')}
          </button>
          <button
            type="button"
            className="button-small"
            onClick={() => setDialog({ kind: 'export', scope: { kind: 'one', id: selected.id } })}
          >
            {t('profiles.export')}
          </button>
          <button
            type="button"
            className="button-small"
            onClick={() => setDialog({ kind: 'mqttjs', profile: selected })}
          >
            {t('profiles.copyMqttjs')}
          </button>
          <button type="button" className="button-small button-danger" onClick={() => onDelete(selected)}>
            {t('broker.retained.delete')}
          </button>
        </div>
      )}
      {problem && (
        <p className="field-problem" role="alert">
          {problem}
        </p>
      )}
      {deleted && (
        <UndoToast
          deleted={deleted}
          undoing={undo.isPending}
          onUndo={() => onUndo(deleted.undoToken)}
          onDismiss={() => setDeleted(null)}
        />
      )}
      <ImportDialog
        open={dialog?.kind === 'import'}
        {...(dialog?.kind === 'import' && dialog.file && { file: dialog.file })}
        onClose={() => setDialog(null)}
        onDraft={(draft) => editor.openDraft(draft)}
      />
      <ExportDialog
        open={dialog?.kind === 'export'}
        initialScope={dialog?.kind === 'export' ? dialog.scope : { kind: 'all' }}
        profiles={profiles}
        onClose={() => setDialog(null)}
      />
      <MqttjsCodeDialog
        profile={dialog?.kind === 'mqttjs' ? dialog.profile : null}
        onClose={() => setDialog(null)}
      />
    </section>
  );
}
