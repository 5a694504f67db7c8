import { useTranslation } from 'react-i18next';
import { useCurrentConnection } from '../connections/connection-queries';
import './scripts.css';
import { useScriptRunsFeed, useScriptRuns, useScripts } from './script-queries';

/**
 * Beside the connection's status in the top bar: shown while auto-responders answer on the
 * connection on screen, so nobody wonders who published those replies.
 */
export function ResponderBadge() {
  const { t } = useTranslation();
  useScriptRunsFeed();
  const { connectionId, status } = useCurrentConnection();
  const runs = useScriptRuns().data ?? [];
  const scripts = useScripts(status?.profileId ?? null).data ?? [];
  const nameOf = (id: string) => scripts.find((s) => s.id === id)?.name ?? id;
  const on = runs.filter((r) => r.kind === 'responder' && r.running && r.connectionId === connectionId);
  if (!connectionId || on.length === 0) return null;
  return (
    <span
      className="responder-badge"
      role="status"
      title={t('scripts.responder.badgeTitle', { names: on.map((r) => nameOf(r.scriptId)).join(', ') })}
    >
      {t('scripts.responder.badge', { count: on.length })}
    </span>
  );
}
