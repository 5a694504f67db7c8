import { useTranslation } from 'react-i18next';

export function StatusBadge({ online }: { online: boolean | null }) {
  const { t } = useTranslation();
  const state = online === null ? 'unknown' : online ? 'online' : 'offline';
  return <span className={`sparkplug-status is-${state}`}>{t(`sparkplug.status.${state}`)}</span>;
}
