import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { errorText } from '../api/client';
import { useProfileList, useRestoreBackup } from './profile-queries';

/**
 * The profiles file could not be used at start: say what happened, where the file went
 * (it is kept, never overwritten), and offer the backup.
 */
export function ProfileLoadBanner() {
  const { t } = useTranslation();
  const problem = useProfileList(false).data?.problem ?? null;
  const restore = useRestoreBackup();
  const [dismissed, setDismissed] = useState<string | null>(null);
  if (!problem || dismissed === problem.message) return null;
  return (
    <div className="banner banner-warning" role="alert" aria-label={t('profiles.banner.label')}>
      <div className="banner-text">
        <strong>{t('profiles.banner.title')}</strong> {problem.message}
        {/* The host's sentence usually names the path already; say it once. */}
        {problem.setAsidePath && !problem.message.includes(problem.setAsidePath) && (
          <>
            {' '}
            <Trans
              i18nKey="profiles.banner.keptAt"
              values={{ path: problem.setAsidePath }}
              components={{ path: <code className="set-aside-path" /> }}
            />
          </>
        )}
        {restore.isError && <span className="banner-problem"> {errorText(restore.error)}</span>}
      </div>
      {problem.backupAvailable && (
        <button
          type="button"
          className="button-small button-primary"
          aria-disabled={restore.isPending}
          onClick={() => !restore.isPending && restore.mutate()}
        >
          {t('profiles.banner.restore')}
        </button>
      )}
      <button type="button" className="button-small" onClick={() => setDismissed(problem.message)}>
        {t('profiles.banner.dismiss')}
      </button>
    </div>
  );
}
