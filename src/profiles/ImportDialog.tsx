import { useId, useState } from 'react';
import type { ProfileView } from '../../electron/contract';
import { Dialog } from './Dialog';
import { ImportFileForm } from './ImportFileForm';
import { MqttjsImportForm } from './MqttjsImportForm';

export type ImportSource = 'mqscope' | 'mqttx' | 'mqttjs';

const SOURCES: { value: ImportSource; label: string }[] = [
  { value: 'mqscope', label: 'MQScope export' },
  { value: 'mqttx', label: 'MQTTX export' },
  { value: 'mqttjs', label: 'From mqtt.js code' },
];

interface Props {
  open: boolean;
  onClose: () => void;
  /** A profile made from mqtt.js code: the form loads it. */
  onCreated: (profile: ProfileView) => void;
}

/** One dialog for every way in: our own file, MQTTX's JSON export, pasted mqtt.js code. */
export function ImportDialog({ open, onClose, onCreated }: Props) {
  return (
    <Dialog open={open} title="Import profiles" onClose={onClose} className="dialog-wide">
      {/* Mounted per opening: nothing half-done from last time. */}
      <ImportBody onClose={onClose} onCreated={onCreated} />
    </Dialog>
  );
}

function ImportBody({ onClose, onCreated }: Omit<Props, 'open'>) {
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
          onCreated={(profile) => {
            onCreated(profile);
            onClose();
          }}
        />
      ) : (
        <ImportFileForm key={source} source={source} />
      )}
    </>
  );
}
