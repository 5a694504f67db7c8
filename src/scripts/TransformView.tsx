import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { mqttFilterMatches, type MessageDetail, type Script } from '../../electron/contract';
import { call, errorText } from '../api/client';
import { useCurrentConnection } from '../connections/connection-queries';
import { ScriptResult, useScriptErrorText } from './ScriptResult';
import { useScripts } from './script-queries';
import './scripts.css';

/** More matching transforms than this are not run for one message: the pane stays readable. */
const MOST = 3;

/**
 * In the detail pane: the shown message through each saved transform whose topic pattern
 * matches it, run on demand for this one message (never on the ingest path).
 */
export function TransformView({ detail }: { detail: MessageDetail }) {
  const { connectionId, status } = useCurrentConnection();
  const profileId = status?.profileId ?? null;
  const scripts = useScripts(profileId).data ?? [];
  const matching = scripts
    .filter((s) => s.options.kind === 'transform' && mqttFilterMatches(s.options.topicPattern, detail.topic))
    .slice(0, MOST);
  if (!connectionId || !profileId || matching.length === 0) return null;
  return (
    <div className="transform-views">
      {matching.map((script) => (
        <TransformOf
          key={script.id}
          script={script}
          profileId={profileId}
          connectionId={connectionId}
          seq={detail.seq}
          topic={detail.topic}
        />
      ))}
    </div>
  );
}

function TransformOf({
  script,
  profileId,
  connectionId,
  seq,
  topic,
}: {
  script: Script;
  profileId: string;
  connectionId: string;
  seq: number;
  topic: string;
}) {
  const { t } = useTranslation();
  const errorWords = useScriptErrorText();
  const result = useQuery({
    // The saved text's time is in the key: a save runs it again.
    queryKey: ['scripts.transform', connectionId, profileId, script.id, script.updatedAt, seq],
    queryFn: async () => {
      const [first] = await call('scripts.transform', {
        connectionId,
        seqs: [seq],
        profileId,
        scriptId: script.id,
      });
      return first ?? null;
    },
    staleTime: Infinity,
  });
  const data = result.data;
  // One line in the summary, so the pane's own tabs stay in view; the tree opens below it.
  const preview = !data
    ? ''
    : data.ok
      ? (JSON.stringify(data.value) ?? '').slice(0, 300)
      : errorWords(data.error);
  return (
    <details className="transform-view">
      <summary>
        <span className="transform-view-name">{t('scripts.transform.view', { name: script.name })}</span>
        <span
          className={data && !data.ok ? 'transform-view-preview is-error' : 'transform-view-preview mono'}
        >
          {preview}
        </span>
      </summary>
      <div className="transform-view-body" role="region" aria-label={t('scripts.transform.viewLabel')}>
        {result.isError ? (
          <p className="field-problem" role="alert">
            {errorText(result.error)}
          </p>
        ) : !data ? (
          <p className="muted">{t('scripts.transform.viewPending')}</p>
        ) : (
          <ScriptResult
            result={data}
            tree
            chart={{
              topic,
              transform: { profileId, scriptId: script.id, name: script.name },
              ...(script.options.kind === 'transform' && { pattern: script.options.topicPattern }),
            }}
          />
        )}
      </div>
    </details>
  );
}
