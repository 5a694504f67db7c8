import { useTranslation } from 'react-i18next';
import { useId, type FormEvent, type KeyboardEvent } from 'react';
import { RequestFailure, errorText } from '../api/client';
import { engineText } from '../i18n/engine-text';
import { ProfileEditorHead } from '../profiles/ProfileEditorHead';
import { connectPlan, toSaveInput } from '../profiles/profile-draft';
import { useProfileEditor } from '../profiles/profile-editor';
import {
  useConnectProfile,
  useProfileList,
  useSaveAsNewProfile,
  useSaveProfile,
} from '../profiles/profile-queries';
import { useFormSecrets } from '../profiles/use-form-secrets';
import { fieldForIssuePath, toConnectOptions, type FieldProblems } from './connect-form-values';
import { ConnackPanel } from './ConnackPanel';
import { useCloseConnection, useCurrentConnection, useOpenConnection } from './connection-queries';
import { ConnectionStatusLine } from './ConnectionStatusLine';
import { useConnectionsOfThisPage } from './current-connection';
import { ConnectFormFields } from './form/ConnectFormFields';
import { isLive } from './status-words';

/** The host's own validation names fields too: show those where they belong. */
function problemsFromHost(error: unknown): FieldProblems | null {
  if (!(error instanceof RequestFailure) || !error.error.issues) return null;
  const fromHost: FieldProblems = {};
  for (const issue of error.error.issues) {
    const field = fieldForIssuePath(issue.path);
    if (field && !fromHost[field]) fromHost[field] = issue.text ? engineText(issue.text) : issue.message;
  }
  return fromHost;
}

/**
 * The sidebar: every connection option, Connect (which opens another connection when one
 * is already up), Disconnect for the shown connection, its status and its CONNACK. The same
 * form edits the selected profile: Save, Save as new.
 */
export function ConnectionForm() {
  const { t } = useTranslation();
  const editor = useProfileEditor();
  const { draft, dirty } = editor;
  const problems = editor.problems.fields;
  const secrets = useFormSecrets();
  const profiles = useProfileList(false).data?.profiles;
  const { connectionId, status, opening } = useCurrentConnection();
  const { remember } = useConnectionsOfThisPage();
  const open = useOpenConnection();
  const openProfile = useConnectProfile();
  const close = useCloseConnection();
  const save = useSaveProfile();
  const saveAsNew = useSaveAsNewProfile();
  const baseId = useId();

  const live = !!status && isLive(status.state);
  const canDisconnect = !opening && !!connectionId && live;
  const saving = save.isPending || saveAsNew.isPending;

  const resetRequests = () => {
    close.reset();
    open.reset();
    openProfile.reset();
    save.reset();
    saveAsNew.reset();
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (opening) return;
    resetRequests();
    const plan = connectPlan(draft, dirty);
    if (plan.kind === 'blocked') return editor.setFieldProblems(() => plan.problems);
    const form = { draft, baseline: editor.baseline };
    if (plan.kind === 'profile') {
      const profile = profiles?.find((p) => p.id === plan.id);
      editor.setFieldProblems(() => ({}));
      if (profile) openProfile.mutate({ profile, ...(plan.edits ? { edits: plan.edits } : {}), form });
      return;
    }
    const checked = toConnectOptions(draft.values);
    if (!checked.ok) return editor.setFieldProblems(() => checked.problems);
    editor.setFieldProblems(() => ({}));
    open.mutate(checked.options, {
      onSuccess: (opened) => remember(opened.connectionId, form),
      onError: (error) => {
        const fromHost = problemsFromHost(error);
        if (fromHost) editor.setFieldProblems(() => fromHost);
      },
    });
  };

  const onSave = () => {
    if (saving) return;
    resetRequests();
    const checked = toSaveInput(draft);
    if (!checked.ok) return editor.setProblems(checked.problems);
    editor.setProblems({ fields: {} });
    save.mutate(checked.input, { onSuccess: editor.saved });
  };

  const onSaveAsNew = () => {
    const fromId = draft.profileId;
    if (saving || !fromId) return;
    resetRequests();
    const checked = toSaveInput({ ...draft, profileId: null });
    if (!checked.ok) return editor.setProblems(checked.problems);
    editor.setProblems({ fields: {} });
    // Through a duplicate, so the stored secrets come along; an unchanged name gets "(copy)".
    const { name, ...rest } = checked.input;
    const input = name === editor.baseline.name ? rest : { ...rest, name };
    saveAsNew.mutate({ fromId, input }, { onSuccess: editor.saved });
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
      event.preventDefault();
      onSave();
    }
  };

  const failed = [open, openProfile, close, save, saveAsNew].find((m) => m.isError);
  const requestProblem = problems.form ?? (failed ? errorText(failed.error) : null);

  return (
    <form
      className="connection-form"
      onSubmit={onSubmit}
      onKeyDown={onKeyDown}
      noValidate
      aria-labelledby={`${baseId}-title`}
    >
      <h2 id={`${baseId}-title`} className="section-title">
        {t('connections.form.title')}
      </h2>
      <ProfileEditorHead />
      <ConnectFormFields
        values={draft.values}
        problems={problems}
        onChange={editor.setValues}
        onProblemsChange={editor.setFieldProblems}
        secrets={secrets}
        fromCode={draft.fromCode}
      />
      <div className="button-row">
        {/* aria-disabled rather than disabled, so keyboard focus stays on the button. */}
        <button
          type="submit"
          className="connect-button button-primary"
          aria-disabled={opening}
          title={live ? t('connections.form.connectAnotherTitle') : undefined}
        >
          {t('connections.form.connect')}
        </button>
        {canDisconnect && (
          <button
            type="button"
            className="connect-button"
            aria-disabled={close.isPending}
            onClick={() => !close.isPending && connectionId && close.mutate(connectionId)}
          >
            {t('connections.form.disconnect')}
          </button>
        )}
        <span className="button-row-spacer" />
        <button
          type="button"
          aria-disabled={saving}
          title={t('connections.form.saveTitle')}
          aria-keyshortcuts="Control+S"
          onClick={onSave}
        >
          {t('connections.form.save')}
        </button>
        {draft.profileId && (
          <button type="button" aria-disabled={saving} onClick={onSaveAsNew}>
            {t('connections.form.saveAsNew')}
          </button>
        )}
      </div>
      {opening && <p className="muted">{t('connections.form.waiting')}</p>}
      {requestProblem && (
        <p className="field-problem" role="alert">
          {requestProblem}
        </p>
      )}
      <ConnectionStatusLine status={status} opening={opening} />
      {!opening && <ConnackPanel status={status} />}
    </form>
  );
}
