import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Preset } from '../../electron/contract';
import { errorText } from '../api/client';
import { useDeletePreset, usePresets, useSavePreset } from './publish-queries';

interface Props {
  id: string;
  broker: string | null;
  /** The form as a preset body (without a name). */
  current: () => Omit<Preset, 'name'>;
  onLoad: (preset: Preset) => void;
}

export function PresetsSection({ id, broker, current, onLoad }: Props) {
  const { t } = useTranslation();
  const nameId = useId();
  const [name, setName] = useState('');
  const presets = usePresets(broker);
  const save = useSavePreset(broker);
  const remove = useDeletePreset(broker);
  const list = presets.data ?? [];
  const problem =
    (save.isError && errorText(save.error)) ||
    (remove.isError && errorText(remove.error)) ||
    (presets.isError && errorText(presets.error)) ||
    null;

  if (!broker) {
    return (
      <div id={id} className="publish-drawer" role="group" aria-label={t('publish.tab.presets')}>
        <p className="publish-hint">{t('publish.presets.connectFirst')}</p>
      </div>
    );
  }

  return (
    <div id={id} className="publish-drawer" role="group" aria-label={t('publish.tab.presets')}>
      <form
        className="repeat-row"
        onSubmit={(e) => {
          e.preventDefault();
          if (name.trim() === '') return;
          save.mutate({ ...current(), name: name.trim() }, { onSuccess: () => setName('') });
        }}
      >
        <label htmlFor={nameId}>{t('publish.presets.name')}</label>
        <input
          id={nameId}
          value={name}
          placeholder={t('publish.presets.namePlaceholder')}
          onChange={(e) => setName(e.target.value)}
        />
        <button type="submit" disabled={name.trim() === '' || save.isPending}>
          {t('publish.presets.save')}
        </button>
        <span className="publish-hint">{t('publish.presets.savedFor', { broker })}</span>
      </form>
      {list.length === 0 ? (
        <p className="publish-hint">{t('publish.presets.none')}</p>
      ) : (
        <ul className="preset-list" aria-label={t('publish.presets.list')}>
          {list.map((preset) => (
            <li key={preset.name}>
              <button type="button" className="button-small" onClick={() => onLoad(preset)}>
                {t('publish.presets.load')}
              </button>
              <span className="preset-name">{preset.name}</span>
              <span className="mono muted preset-topic">{preset.topic}</span>
              <button
                type="button"
                className="button-small button-quiet"
                aria-label={t('publish.presets.deleteLabel', { name: preset.name })}
                onClick={() => remove.mutate(preset.name)}
              >
                {t('broker.retained.delete')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {problem && (
        <p className="field-problem" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
