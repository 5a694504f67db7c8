import { useId, useState } from 'react';
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
      <div id={id} className="publish-drawer" role="group" aria-label="Presets">
        <p className="publish-hint">Presets are saved per broker: connect first.</p>
      </div>
    );
  }

  return (
    <div id={id} className="publish-drawer" role="group" aria-label="Presets">
      <form
        className="repeat-row"
        onSubmit={(e) => {
          e.preventDefault();
          if (name.trim() === '') return;
          save.mutate({ ...current(), name: name.trim() }, { onSuccess: () => setName('') });
        }}
      >
        <label htmlFor={nameId}>Preset name</label>
        <input
          id={nameId}
          value={name}
          placeholder="e.g. Reboot device 42"
          onChange={(e) => setName(e.target.value)}
        />
        <button type="submit" disabled={name.trim() === '' || save.isPending}>
          Save preset
        </button>
        <span className="publish-hint">Saved for {broker}; a preset with the same name is replaced.</span>
      </form>
      {list.length === 0 ? (
        <p className="publish-hint">No presets for this broker yet.</p>
      ) : (
        <ul className="preset-list" aria-label="Saved presets">
          {list.map((preset) => (
            <li key={preset.name}>
              <button type="button" className="button-small" onClick={() => onLoad(preset)}>
                Load
              </button>
              <span className="preset-name">{preset.name}</span>
              <span className="mono muted preset-topic">{preset.topic}</span>
              <button
                type="button"
                className="button-small button-quiet"
                aria-label={`Delete preset ${preset.name}`}
                onClick={() => remove.mutate(preset.name)}
              >
                Delete
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
