import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { invalidProps } from '../ui/field';
import { useProfileEditor } from './profile-editor';
import { folderNames } from './profile-list-model';
import { useProfileList } from './profile-queries';

/** Top of the connection form: which profile it edits, its name and its folder. */
export function ProfileEditorHead() {
  const { t } = useTranslation();
  const id = useId();
  const { draft, dirty, problems, setName, setFolder } = useProfileEditor();
  const list = useProfileList(false);
  const folders = folderNames(list.data?.profiles ?? []);
  return (
    <div className="profile-editor-head">
      <p className="editing-line" aria-live="polite">
        {draft.profileId ? t('profiles.editing') : t('profiles.notSaved')}
        {dirty && <span className="dirty-mark">{t('profiles.unsaved')}</span>}
      </p>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-name`}>{t('profiles.name')}</label>
          <input
            {...invalidProps(`${id}-name`, problems.name)}
            value={draft.name}
            placeholder={t('profiles.namePlaceholder')}
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => setName(e.target.value)}
          />
          {problems.name && (
            <span id={`${id}-name-problem`} className="field-problem">
              {problems.name}
            </span>
          )}
        </div>
        <div className="field">
          <label htmlFor={`${id}-folder`}>{t('profiles.folder')}</label>
          <input
            {...invalidProps(`${id}-folder`, problems.folder)}
            list={`${id}-folders`}
            value={draft.folder}
            placeholder={t('profiles.folderPlaceholder')}
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => setFolder(e.target.value)}
          />
          <datalist id={`${id}-folders`}>
            {folders.map((f) => (
              <option key={f} value={f} />
            ))}
          </datalist>
          {problems.folder && (
            <span id={`${id}-folder-problem`} className="field-problem">
              {problems.folder}
            </span>
          )}
        </div>
      </div>
    </div>
  );
}
