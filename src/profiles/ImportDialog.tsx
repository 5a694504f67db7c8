import { useId, useState } from 'react';
import { Dialog } from './Dialog';
import { ImportFileForm } from './ImportFileForm';
import { MqttjsImportForm } from './MqttjsImportForm';
import type { ProfileDraft } from './profile-draft';

export type ImportSource = 'mqscope' | 'mqttx' | 'mqttjs';

const SOURCES: { value: ImportSource; label: string }[] = [
  { value: 'mqscope', label: 'MQScope export' },
  { value: 'mqttx', label: 'MQTTX export' },
  { value: 'mqttjs', label: 'From mqtt.js code' },
];

interface Props {
  open: boolean;
  onClose: () => void;
  /** A draft read from mqtt.js code: the form opens it, unsaved. */
  onDraft: (draft: ProfileDraft) => void;
}

/** One dialog for every way in: our own file, MQTTX's JSON or YAML export, pasted mqtt.js code. */
export function ImportDialog({ open, onClose, onDraft }: Props) {
  return (
    <Dialog open={open} title="Import profiles" onClose={onClose} className="dialog-wide">
      {/* Mounted per opening: nothing half-done from last time. */}
      <ImportBody onClose={onClose} onDraft={onDraft} />
    </Dialog>
  );
}

function ImportBody({ onClose, onDraft }: Omit<Props, 'open'>) {
  const id = useId();
  const [source, setSource] = useState<ImportSource>('mqscope');
  return (
    <>
      <div className="segmented import-source" role="radiogroup" aria-label="Import from">
        {SOURCES.map((s) => (
          <label key={s.value} className={source === s.value ? 'is-selected' : undefined}>
            <input
              type="radio"
              name={`${id}-source`}
              checked={source === s.value}
              onChange={() => setSource(s.value)}
            />
            {s.label}
          </label>
        ))}
      </div>
      {source === 'mqttjs' ? (
        <MqttjsImportForm
          onDraft={(draft) => {
            onDraft(draft);
            onClose();
          }}
        />
      ) : (
        <ImportFileForm key={source} source={source} />
      )}
    </>
  );
}
