import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from './Dialog';
import { ImportFileForm } from './ImportFileForm';
import { MqttjsImportForm } from './MqttjsImportForm';
import type { OpenedExport } from '../app/opened-files';
import type { ProfileDraft } from './profile-draft';

export type ImportSource = 'mqscope' | 'mqttx' | 'mqttjs';

const SOURCES: ImportSource[] = ['mqscope', 'mqttx', 'mqttjs'];

interface Props {
  open: boolean;
  onClose: () => void;
  /** A draft read from mqtt.js code: the form opens it, unsaved. */
  onDraft: (draft: ProfileDraft) => void;
  /** An export file the desktop opened: shown in the form, imported only when the user says so. */
  file?: OpenedExport;
}

/** One dialog for every way in: our own file, MQTTX's JSON or YAML export, pasted mqtt.js code. */
export function ImportDialog({ open, onClose, onDraft, file }: Props) {
  const { t } = useTranslation();
  return (
    <Dialog open={open} title={t('profiles.importDialog.title')} onClose={onClose} className="dialog-wide">
      {/* Mounted per opening: nothing half-done from last time. */}
      <ImportBody onClose={onClose} onDraft={onDraft} {...(file && { file })} />
    </Dialog>
  );
}

function ImportBody({ onClose, onDraft, file }: Omit<Props, 'open'>) {
  const { t } = useTranslation();
  const id = useId();
  const [source, setSource] = useState<ImportSource>('mqscope');
  return (
    <>
      <div className="segmented import-source" role="radiogroup" aria-label={t('profiles.importDialog.from')}>
        {SOURCES.map((s) => (
          <label key={s} className={source === s ? 'is-selected' : undefined}>
            <input type="radio" name={`${id}-source`} checked={source === s} onChange={() => setSource(s)} />
            {t(`profiles.importDialog.source.${s}`)}
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
        <ImportFileForm
          key={source}
          source={source}
          {...(source === 'mqscope' && file && { initial: file })}
        />
      )}
    </>
  );
}
