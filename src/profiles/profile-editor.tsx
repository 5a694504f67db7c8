import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProfileView } from '../../electron/contract';
import type { ConnectFormValues, FieldProblems } from '../connections/connect-form-values';
import { Dialog } from './Dialog';
import {
  NO_SECRETS,
  draftFromProfile,
  isDirty,
  newDraft,
  type DraftProblems,
  type ProfileDraft,
  type SecretName,
} from './profile-draft';

interface ShownDraft {
  draft: ProfileDraft;
  baseline: ProfileDraft;
}

interface ProfileEditor {
  draft: ProfileDraft;
  /** The draft as loaded or last saved. */
  baseline: ProfileDraft;
  dirty: boolean;
  problems: DraftProblems;
  setValues: (update: (values: ConnectFormValues) => ConnectFormValues) => void;
  setFieldProblems: (update: (problems: FieldProblems) => FieldProblems) => void;
  setProblems: (problems: DraftProblems) => void;
  setName: (name: string) => void;
  setFolder: (folder: string) => void;
  setCleared: (name: SecretName, cleared: boolean) => void;
  /** Loads a profile (or a new one), asking first when there are unsaved changes. */
  switchTo: (target: ProfileView | { newIn: string }) => void;
  /**
   * Shows what a connection was opened with (selecting it, or a connection opened outside
   * the form), asking first when unsaved changes would be lost. `leaving`: what the
   * connection being left was opened with; a form that still holds it loses nothing.
   */
  show: (form: ShownDraft, leaving?: ShownDraft) => void;
  /** Opens a new, unsaved profile filled in elsewhere (an mqtt.js code import). */
  openDraft: (draft: ProfileDraft) => void;
  /** After a save: the saved profile is the new starting point. */
  saved: (profile: ProfileView) => void;
  /** A rename or move made outside the form: follow it without losing other edits. */
  renamed: (profile: ProfileView) => void;
  /** Profiles deleted: if the loaded one is among them, the form starts a new profile. */
  deleted: (ids: readonly string[]) => void;
}

const Context = createContext<ProfileEditor | null>(null);
const NO_PROBLEMS: DraftProblems = { fields: {} };

/** The connection form's content, which is also the profile being edited. */
export function ProfileEditorProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<ProfileDraft>(() => newDraft());
  const [baseline, setBaseline] = useState<ProfileDraft>(draft);
  const [problems, setProblems] = useState<DraftProblems>(NO_PROBLEMS);
  const [pending, setPending] = useState<{ draft: ProfileDraft; baseline: ProfileDraft } | null>(null);
  const dirty = isDirty(draft, baseline);

  // Reloading or closing the page with unsaved edits asks the browser's own question.
  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [dirty]);

  const load = (next: ProfileDraft, base: ProfileDraft = next) => {
    setDraft(next);
    setBaseline(base);
    setProblems(NO_PROBLEMS);
  };

  const value = useMemo<ProfileEditor>(
    () => ({
      draft,
      baseline,
      dirty,
      problems,
      setValues: (update) => setDraft((d) => ({ ...d, values: update(d.values) })),
      setFieldProblems: (update) => setProblems((p) => ({ ...p, fields: update(p.fields) })),
      setProblems,
      setName: (name) => {
        setDraft((d) => ({ ...d, name }));
        setProblems((p) => (p.name ? { ...p, name: undefined } : p));
      },
      setFolder: (folder) => {
        setDraft((d) => ({ ...d, folder }));
        setProblems((p) => (p.folder ? { ...p, folder: undefined } : p));
      },
      setCleared: (name, cleared) => setDraft((d) => ({ ...d, cleared: { ...d.cleared, [name]: cleared } })),
      switchTo: (target) => {
        const next = 'newIn' in target ? newDraft(target.newIn) : draftFromProfile(target);
        if (dirty) setPending({ draft: next, baseline: next });
        else load(next);
      },
      show: (form, leaving) => {
        const holds = (shown: ShownDraft | undefined) =>
          shown !== undefined && JSON.stringify(draft) === JSON.stringify(shown.draft);
        if (!dirty || holds(form) || holds(leaving)) load(form.draft, form.baseline);
        else setPending(form);
      },
      openDraft: (next) => {
        // Measured against an empty form, so it shows as unsaved until the user saves it.
        const base = newDraft(next.folder);
        if (dirty) setPending({ draft: next, baseline: base });
        else load(next, base);
      },
      saved: (profile) => load(draftFromProfile(profile)),
      renamed: (profile) => {
        if (profile.id !== draft.profileId) return;
        const follow = (d: ProfileDraft) => ({ ...d, name: profile.name, folder: profile.folder });
        setDraft(follow);
        setBaseline(follow);
      },
      deleted: (ids) => {
        if (draft.profileId && ids.includes(draft.profileId)) load({ ...newDraft(), saved: NO_SECRETS });
      },
    }),
    [draft, baseline, dirty, problems],
  );

  const what = draft.profileId
    ? t('profiles.discard.named', { name: baseline.name })
    : t('profiles.discard.form');
  return (
    <Context.Provider value={value}>
      {children}
      <Dialog
        open={pending !== null}
        title={t('profiles.discard.title')}
        role="alertdialog"
        onClose={() => setPending(null)}
        footer={
          <>
            <button type="button" onClick={() => setPending(null)} autoFocus>
              {t('profiles.discard.keep')}
            </button>
            <button
              type="button"
              className="button-danger"
              onClick={() => {
                if (pending) load(pending.draft, pending.baseline);
                setPending(null);
              }}
            >
              {t('profiles.discard.discard')}
            </button>
          </>
        }
      >
        <p>{t('profiles.discard.body', { what })}</p>
      </Dialog>
    </Context.Provider>
  );
}

export function useProfileEditor(): ProfileEditor {
  const value = useContext(Context);
  if (!value) throw new Error('useProfileEditor needs a ProfileEditorProvider.');
  return value;
}
