import { useCallback, useId, useMemo, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { Script, ScriptDraft } from '../../electron/contract';
import { errorText } from '../api/client';
import { useCurrentConnection } from '../connections/connection-queries';
import { Dialog } from '../profiles/Dialog';
import { useProfileList } from '../profiles/profile-queries';
import { useWorkbench } from '../workbench/workbench-state';
import { useConsoleFeed } from './console-store';
import { NewScriptDialog } from './NewScriptDialog';
import { ScriptEditorPane } from './ScriptEditorPane';
import { ScriptList } from './ScriptList';
import { ScriptSettings } from './ScriptSettings';
import { drafts as draftStore, dropEdit, editOf, isDirty, setEdit } from './script-drafts';
import { useDeleteScript, useSaveScript, useScriptRuns, useScripts } from './script-queries';
import './scripts.css';

/**
 * The Scripts activity: the chosen profile's scripts by kind, the selected one's options and
 * run controls (responder switch, device start/stop), and its editor with the console,
 * opened over the main area. Self-contained, so the workbench mounts it as one view.
 */
export function ScriptsPanel() {
  const { t } = useTranslation();
  useConsoleFeed();
  const ids = { profile: useId() };
  const { status } = useCurrentConnection();
  const profiles = useProfileList().data?.profiles ?? [];
  const [chosenProfile, setChosenProfile] = useState<string | null>(null);
  // The profile of the connection on screen, unless the user picked another one here.
  const profileId = chosenProfile ?? status?.profileId ?? profiles[0]?.id ?? null;
  const profile = profiles.find((p) => p.id === profileId);
  const scripts = useScripts(profileId);
  const runs = useScriptRuns().data ?? [];
  const save = useSaveScript(profileId);
  const remove = useDeleteScript(profileId);
  const drafts = useSyncExternalStore(draftStore.subscribe, draftStore.getSnapshot);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  // The editor covers the main area only while this view is the one chosen (the side area may
  // be collapsed for width); another activity gets the stream back, and this one the editor.
  const shown = useWorkbench().active === 'scripts';
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<Script | null>(null);
  const list = useMemo(() => scripts.data ?? [], [scripts.data]);
  const selected = list.find((s) => s.id === selectedId) ?? null;
  const dirtyIds = useMemo(
    () => new Set(list.filter((s) => isDirty(s, drafts.get(s.id))).map((s) => s.id)),
    [list, drafts],
  );

  const saveScript = useCallback(
    async (script: Script) => {
      const edit = editOf(script);
      await save.mutateAsync({
        id: script.id,
        name: script.name,
        source: edit.source,
        options: edit.options,
      });
      dropEdit(script.id);
    },
    [save],
  );
  /** A run uses the saved text: save what is on screen first. */
  const saveIfDirty = useCallback(
    async (script: Script) => {
      if (isDirty(script, drafts.get(script.id))) await saveScript(script);
    },
    [drafts, saveScript],
  );

  const create = async (draft: ScriptDraft) => {
    const before = new Set(list.map((s) => s.id));
    const after = await save.mutateAsync(draft);
    const made = after.find((s) => !before.has(s.id));
    if (made) {
      setSelectedId(made.id);
      setEditing(true);
    }
  };

  const problem = save.error ?? remove.error ?? scripts.error;

  return (
    <div className="scripts-panel">
      <header className="scripts-head">
        <h2 className="section-title">{t('scripts.title')}</h2>
        <span className="toolbar-spacer" />
        <button
          type="button"
          className="button-small"
          disabled={!profileId}
          onClick={() => setCreating(true)}
        >
          {t('scripts.new')}
        </button>
      </header>
      {profiles.length === 0 ? (
        <p className="muted scripts-note">{t('scripts.noProfile')}</p>
      ) : (
        <div className="field script-field scripts-profile">
          <label htmlFor={ids.profile}>{t('scripts.profile')}</label>
          <select
            id={ids.profile}
            value={profileId ?? ''}
            onChange={(e) => {
              setChosenProfile(e.target.value);
              setSelectedId(null);
              setEditing(false);
            }}
          >
            {profiles.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
          {profile && (
            <p className="muted script-hint">{t('scripts.profileScope', { name: profile.name })}</p>
          )}
        </div>
      )}
      {problem && (
        <p className="field-problem scripts-note" role="alert">
          {errorText(problem)}
        </p>
      )}
      {profileId && (
        <ScriptList
          scripts={list}
          runs={runs}
          selectedId={selectedId}
          dirtyIds={dirtyIds}
          onSelect={(id) => {
            setSelectedId(id);
            setEditing(true);
          }}
          onRename={(script, name) => {
            // Only the name changes: an unsaved text stays a draft.
            save.mutate({ id: script.id, name, source: script.source, options: script.options });
          }}
          onDelete={setDeleting}
        />
      )}
      {selected && profileId && (
        <section className="script-selected" aria-label={selected.name}>
          <header className="script-selected-head">
            <h3 className="section-title" title={selected.name}>
              {selected.name}
            </h3>
            <span className="toolbar-spacer" />
            {!editing && (
              <button type="button" className="button-small" onClick={() => setEditing(true)}>
                {t('scripts.open')}
              </button>
            )}
            {dirtyIds.has(selected.id) && (
              <button type="button" className="button-small" onClick={() => void saveScript(selected)}>
                {t('scripts.save')}
              </button>
            )}
          </header>
          <ScriptSettings
            profileId={profileId}
            script={selected}
            options={editOf(selected).options}
            runs={runs}
            profiles={profiles}
            beforeRun={() => saveIfDirty(selected)}
            onOptions={(options) => setEdit(selected, { options })}
          />
        </section>
      )}
      {selected && editing && shown && profileId && (
        <ScriptEditorPane
          script={selected}
          profileId={profileId}
          edit={drafts.get(selected.id)}
          dirty={dirtyIds.has(selected.id)}
          saving={save.isPending}
          onSave={() => void saveScript(selected)}
          onClose={() => setEditing(false)}
        />
      )}
      {profileId && (
        <NewScriptDialog
          open={creating}
          profileId={profileId}
          onClose={() => setCreating(false)}
          onCreate={create}
        />
      )}
      <Dialog
        open={deleting !== null}
        role="alertdialog"
        title={t('scripts.deleteNamed', { name: deleting?.name ?? '' })}
        onClose={() => setDeleting(null)}
        footer={
          <>
            <button type="button" className="button-small" onClick={() => setDeleting(null)}>
              {t('scripts.cancel')}
            </button>
            <button
              type="button"
              className="button-small script-delete"
              onClick={() => {
                if (deleting) {
                  remove.mutate(deleting.id, { onSuccess: () => dropEdit(deleting.id) });
                }
                setDeleting(null);
              }}
            >
              {t('scripts.delete')}
            </button>
          </>
        }
      >
        <p>{t('scripts.deleteConfirm', { name: deleting?.name ?? '' })}</p>
      </Dialog>
    </div>
  );
}
