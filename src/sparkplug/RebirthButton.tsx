import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, errorText } from '../api/client';

/**
 * The one-click NCMD "Node Control/Rebirth", confirmed first: a publish to someone's edge
 * node is not a thing to do by a stray click.
 */
export function RebirthButton({
  connectionId,
  group,
  node,
  connected,
}: {
  connectionId: string;
  group: string;
  node: string;
  connected: boolean;
}) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const topic = `spBv1.0/${group}/NCMD/${node}`;
  const rebirth = useMutation({
    mutationFn: () => call('sparkplug.rebirth', { connectionId, group, node }),
    onSettled: () => setConfirming(false),
  });
  return (
    <div className="sparkplug-rebirth">
      {!confirming && (
        <button
          type="button"
          className="button-small"
          disabled={!connected}
          onClick={() => {
            rebirth.reset();
            setConfirming(true);
          }}
        >
          {t('sparkplug.rebirth.button')}
        </button>
      )}
      {confirming && (
        <div className="confirm-group" role="group" aria-label={t('sparkplug.rebirth.confirmLabel')}>
          <span>{t('sparkplug.rebirth.confirm', { topic })}</span>
          <button
            type="button"
            className="button-small button-primary"
            disabled={rebirth.isPending}
            onClick={() => rebirth.mutate()}
          >
            {t('sparkplug.rebirth.send')}
          </button>
          <button type="button" className="button-small" onClick={() => setConfirming(false)}>
            {t('sparkplug.rebirth.cancel')}
          </button>
        </div>
      )}
      {(rebirth.isError || rebirth.isSuccess) && (
        <span className="muted" role="status">
          {rebirth.isError
            ? t('sparkplug.rebirth.error', { message: errorText(rebirth.error) })
            : t('sparkplug.rebirth.sent', { topic })}
        </span>
      )}
    </div>
  );
}
