import { useState } from 'react';
import { errorText } from '../api/client';
import { useProfileList, useRestoreBackup } from './profile-queries';

/**
 * The profiles file could not be used at start: say what happened, where the file went
 * (it is kept, never overwritten), and offer the backup.
 */
export function ProfileLoadBanner() {
  const problem = useProfileList(false).data?.problem ?? null;
  const restore = useRestoreBackup();
  const [dismissed, setDismissed] = useState<string | null>(null);
  if (!problem || dismissed === problem.message) return null;
  return (
    <div className="banner banner-warning" role="alert" aria-label="Profiles file problem">
      <div className="banner-text">
        <strong>Saved profiles could not be loaded.</strong> {problem.message}
        {/* The host's sentence usually names the path already; say it once. */}
        {problem.setAsidePath && !problem.message.includes(problem.setAsidePath) && (
          <>
            {' '}
            The file is kept at <code className="set-aside-path">{problem.setAsidePath}</code>.
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
          Restore backup
        </button>
      )}
      <button type="button" className="button-small" onClick={() => setDismissed(problem.message)}>
        Dismiss
      </button>
    </div>
  );
}
