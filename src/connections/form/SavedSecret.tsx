import { i18n } from '../../i18n';
import { useTranslation } from 'react-i18next';
import type { FormSecret } from './binding';

/**
 * Under a secret field of a saved profile: whether a secret is stored (never what it is),
 * and a way to remove it. Typing into the field replaces it on Save.
 */
export function SavedSecret({
  secret,
  noun,
  typed,
}: {
  secret: FormSecret | undefined;
  noun: string;
  typed: boolean;
}) {
  const { t } = useTranslation();
  if (!secret?.saved) return null;
  if (secret.cleared) {
    return (
      <p className="saved-secret">
        <span>{t('connections.secret.willRemove', { noun })}</span>
        <button type="button" className="link-button" onClick={() => secret.setCleared(false)}>
          {t('connections.secret.keep')}
          <span className="sr-only">{t('connections.secret.keepSr', { noun })}</span>
        </button>
      </p>
    );
  }
  return (
    <p className="saved-secret">
      <span>
        {typed ? t('connections.secret.replaces', { noun }) : t('connections.secret.saved', { noun })}
      </span>
      <button type="button" className="link-button" onClick={() => secret.setCleared(true)}>
        {t('connections.secret.clear')}
        <span className="sr-only">{t('connections.secret.clearSr', { noun })}</span>
      </button>
    </p>
  );
}

/** The placeholder of a secret field whose secret is stored and kept. */
export const savedPlaceholder = (secret: FormSecret | undefined): string | undefined =>
  secret?.saved && !secret.cleared ? i18n.t('connections.secret.placeholder') : undefined;
