import { useTranslation } from 'react-i18next';
import { useDesktopCommands } from './use-desktop-commands';

/** Mounted once inside the profile editor: menu commands, deep links, and a refused link's reason. */
export function DesktopCommands() {
  const { t } = useTranslation();
  const [refused, dismiss] = useDesktopCommands();
  if (!refused) return null;
  return (
    <div className="banner banner-error" role="alert">
      <span>
        {t('desktop.link.refused', { reason: t(`desktop.link.problem.${refused.problem}`) })}{' '}
        <code>{refused.link}</code>
      </span>
      <button type="button" className="button-small" onClick={dismiss}>
        {t('desktop.link.dismiss')}
      </button>
    </div>
  );
}
