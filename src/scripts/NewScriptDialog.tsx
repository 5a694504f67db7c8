import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SCRIPT_KINDS_IN_ORDER, type ScriptDraft, type ScriptKind } from './script-kinds';
import { errorText } from '../api/client';
import { Dialog } from '../profiles/Dialog';
import { EXAMPLES } from './examples';
import { blankOptions } from './script-kinds';

interface Props {
  open: boolean;
  /** The profile a device connects with by default: the one the scripts belong to. */
  profileId: string;
  onClose(): void;
  onCreate(draft: ScriptDraft): Promise<unknown>;
}

/** Name, kind, and a blank text or the kind's example. */
export function NewScriptDialog({ open, profileId, onClose, onCreate }: Props) {
  const { t } = useTranslation();
  const ids = { name: useId(), kind: useId(), from: useId() };
  const [name, setName] = useState('');
  const [kind, setKind] = useState<ScriptKind>('transform');
  const [fromExample, setFromExample] = useState(true);
  const [problem, setProblem] = useState<string | null>(null);

  const create = async () => {
    const example = EXAMPLES[kind];
    try {
      await onCreate({
        name: name.trim() || t(`scripts.example.${kind}`),
        source: fromExample ? example.source : '',
        options: blankOptions(kind, profileId),
      });
      setName('');
      setProblem(null);
      onClose();
    } catch (error) {
      setProblem(errorText(error));
    }
  };

  return (
    <Dialog
      open={open}
      title={t('scripts.newTitle')}
      onClose={onClose}
      footer={
        <>
          {problem && (
            <p className="field-problem" role="alert">
              {problem}
            </p>
          )}
          <button type="button" className="button-small" onClick={onClose}>
            {t('scripts.cancel')}
          </button>
          <button type="submit" form={ids.from} className="button-primary">
            {t('scripts.create')}
          </button>
        </>
      }
    >
      <form
        id={ids.from}
        className="script-new-form"
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <label htmlFor={ids.name}>{t('scripts.name')}</label>
        <input
          id={ids.name}
          value={name}
          placeholder={t('scripts.namePlaceholder')}
          maxLength={200}
          onChange={(e) => setName(e.target.value)}
        />
        <label htmlFor={ids.kind}>{t('scripts.kindLabel')}</label>
        <select id={ids.kind} value={kind} onChange={(e) => setKind(e.target.value as ScriptKind)}>
          {SCRIPT_KINDS_IN_ORDER.map((k) => (
            <option key={k} value={k}>
              {t(`scripts.kindOne.${k}`)}
            </option>
          ))}
        </select>
        <fieldset className="script-new-from">
          <legend>{t('scripts.startFrom')}</legend>
          <label>
            <input type="radio" name="from" checked={fromExample} onChange={() => setFromExample(true)} />
            {t(`scripts.example.${kind}`)}
          </label>
          <label>
            <input type="radio" name="from" checked={!fromExample} onChange={() => setFromExample(false)} />
            {t('scripts.blank')}
          </label>
        </fieldset>
      </form>
    </Dialog>
  );
}
