import { useTranslation } from 'react-i18next';
import type { AppInfo } from '../../electron/contract';
import { StatusPill } from '../connections/StatusPill';
import { ResponderBadge } from '../scripts/ResponderBadge';

export function TopBar({ info }: { info: AppInfo | undefined }) {
  const { t } = useTranslation();
  return (
    <header className="topbar">
      <span className="brand">MQScope</span>
      <StatusPill />
      <ResponderBadge />
      <span className="toolbar-spacer" />
      {info && (
        <span className="muted" title={info.host === 'web' ? t('app.host.webTitle') : t('app.host.desktop')}>
          {t('app.host.label', {
            host: info.host === 'web' ? t('app.host.web') : t('app.host.desktopShort'),
            version: info.version,
          })}
        </span>
      )}
    </header>
  );
}
