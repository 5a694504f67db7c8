import { Trans, useTranslation } from 'react-i18next';
import type { TransportStatus } from '../api/transport';

/** Says plainly when the page cannot talk to its host, instead of buttons that do nothing. */
export function HostBanner({ status }: { status: TransportStatus }) {
  const { t } = useTranslation();
  if (status.state === 'connecting') {
    return (
      <div className="banner banner-info" role="status">
        {t('app.banner.connecting')}
      </div>
    );
  }
  if (status.state !== 'closed') return null;
  return (
    <div className="banner banner-error" role="alert">
      <span>
        {status.reason}{' '}
        {status.cause === 'lost' ? (
          t('app.banner.lost')
        ) : (
          <Trans i18nKey="app.banner.openUrl" components={{ code: <code /> }} />
        )}
      </span>
      <button type="button" className="button-small" onClick={() => window.location.reload()}>
        {t('app.banner.reload')}
      </button>
    </div>
  );
}
