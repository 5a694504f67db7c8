import { useTranslation } from 'react-i18next';
import { useDesktopCommands, type Refused } from './use-desktop-commands';

function RefusedText({ refused }: { refused: Refused }) {
  const { t } = useTranslation();
  switch (refused.kind) {
    case 'link':
      return (
        <span>
          {t('desktop.link.refused', { reason: t(`desktop.link.problem.${refused.problem}`) })}{' '}
          <code>{refused.link}</code>
        </span>
      );
    case 'file':
      return (
        <span>
          {t('desktop.file.refused', {
            name: refused.name,
            reason: t(`desktop.file.problem.${refused.problem}`),
          })}
        </span>
      );
    case 'recording':
      return <span>{t('desktop.file.refused', { name: refused.name, reason: refused.message })}</span>;
  }
}

/**
 * Mounted once inside the profile editor and the workbench: menu commands, deep links and
 * opened files, and the reason when a link or a file was refused.
 */
export function DesktopCommands() {
  const { t } = useTranslation();
  const [refused, dismiss] = useDesktopCommands();
  if (!refused) return null;
  return (
    <div className="banner banner-error" role="alert">
      <RefusedText refused={refused} />
      <button type="button" className="button-small" onClick={dismiss}>
        {t('desktop.link.dismiss')}
      </button>
    </div>
  );
}
