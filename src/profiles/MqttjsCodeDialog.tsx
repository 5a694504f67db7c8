import { useQuery } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProfileView } from '../../electron/contract';
import { call, errorText } from '../api/client';
import { Dialog } from './Dialog';
import { copyText } from './download';

/** A profile as a ready-to-run mqtt.js snippet (its secrets come from environment variables). */
export function MqttjsCodeDialog({ profile, onClose }: { profile: ProfileView | null; onClose: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const area = useRef<HTMLTextAreaElement>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const snippet = useQuery({
    queryKey: ['profiles.toMqttjs', profile?.id, profile?.updatedAt],
    queryFn: () => call('profiles.toMqttjs', { id: profile?.id ?? '' }),
    enabled: profile !== null,
  });
  const code = snippet.data?.code ?? '';
  const close = () => {
    setCopied(null);
    onClose();
  };
  return (
    <Dialog
      open={profile !== null}
      title={t('profiles.mqttjs.title', { name: profile?.name ?? '' })}
      onClose={close}
      className="dialog-wide"
      footer={
        <>
          <span role="status" className="muted">
            {copied}
          </span>
          <button
            type="button"
            className="button-primary"
            aria-disabled={!snippet.isSuccess}
            onClick={() =>
              snippet.isSuccess &&
              void copyText(code, area.current).then((ok) =>
                setCopied(ok ? t('profiles.mqttjs.copied') : t('profiles.mqttjs.copyByHand')),
              )
            }
          >
            {t('profiles.mqttjs.copy')}
          </button>
        </>
      }
    >
      {snippet.isError && (
        <p className="field-problem" role="alert">
          {errorText(snippet.error)}
        </p>
      )}
      <div className="field">
        <label htmlFor={`${id}-code`}>{t('profiles.mqttjs.code')}</label>
        <textarea
          id={`${id}-code`}
          ref={area}
          className="mono code-view"
          rows={16}
          readOnly
          spellCheck={false}
          value={snippet.isPending ? t('profiles.mqttjs.writing') : code}
        />
      </div>
      <p className="section-note">{t('profiles.mqttjs.secrets')}</p>
    </Dialog>
  );
}
