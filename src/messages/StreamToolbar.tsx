import { useMutation } from '@tanstack/react-query';
import { useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { call, errorText } from '../api/client';
import { selectionStore } from '../inspector/selection';
import { ExportMenu } from './ExportMenu';
import { formatBytes, formatNumber } from '../i18n/format';
import { LimitsEditor } from './LimitsEditor';
import { streamStore } from './stream-store';

function memoryPercent(used: number, budget: number): number {
  return budget > 0 ? Math.min(100, Math.round((used / budget) * 100)) : 0;
}

/**
 * The stream's truth in one line: what arrived, what is kept, what was dropped or cut,
 * and the controls that freeze or empty the view.
 */
export function StreamToolbar() {
  const { t } = useTranslation();
  const { stats, receivedWhilePaused, connectionId } = useSyncExternalStore(
    streamStore.subscribe,
    streamStore.getSnapshot,
  );
  const pause = useMutation({
    mutationFn: (paused: boolean) => call('stream.pause', { connectionId: connectionId ?? '', paused }),
  });
  const clear = useMutation({
    mutationFn: () => call('stream.clear', { connectionId: connectionId ?? '' }),
    onSuccess: () => selectionStore.set(null),
  });
  const paused = stats?.paused ?? false;
  const [editingLimits, setEditingLimits] = useState(false);
  const problem = pause.error ?? clear.error;

  return (
    <div className="stream-bar">
      <div className="toolbar stream-toolbar">
        <h2 className="section-title">{t('messages.title')}</h2>
        <span className="muted" role="status" aria-label={t('messages.counts.label')}>
          {stats
            ? t('messages.counts.text', {
                received: formatNumber(stats.received),
                kept: formatNumber(stats.count),
                bytes: formatBytes(stats.bytes),
                topics: formatNumber(stats.topics),
              })
            : t('messages.counts.none')}
        </span>
        {stats && (
          <span
            className="muted memory-use"
            role="status"
            aria-label={t('messages.memory.label')}
            title={t('messages.memory.title')}
          >
            <span className="memory-bar" aria-hidden="true">
              <span style={{ width: `${memoryPercent(stats.totalBytes, stats.limits.maxTotalBytes)}%` }} />
            </span>
            <span className="memory-text">
              {t('messages.memory.text', {
                used: formatBytes(stats.totalBytes),
                budget: formatBytes(stats.limits.maxTotalBytes),
              })}
            </span>
          </span>
        )}
        {stats && stats.evicted > 0 && (
          <span className="notice" role="note">
            {t('messages.notice.evicted', {
              evicted: formatNumber(stats.evicted),
              max: formatNumber(stats.limits.maxMessages),
              bytes: formatBytes(stats.limits.maxBytes),
              total: formatBytes(stats.limits.maxTotalBytes),
            })}
          </span>
        )}
        {stats && stats.truncated > 0 && (
          <span className="notice" role="note">
            {t('messages.notice.truncated', {
              truncated: formatNumber(stats.truncated),
              max: formatNumber(stats.limits.maxPayloadBytes),
            })}
          </span>
        )}
        {paused && (
          <span className="notice paused-notice" role="note">
            {t('messages.notice.paused', {
              count: receivedWhilePaused,
              formatted: formatNumber(receivedWhilePaused),
            })}
          </span>
        )}
        {problem && <span className="field-problem">{errorText(problem)}</span>}
        <span className="toolbar-spacer" />
        <button
          type="button"
          className="button-small"
          aria-pressed={paused}
          disabled={!connectionId || !stats}
          onClick={() => pause.mutate(!paused)}
          title={t('messages.pauseTitle')}
        >
          {paused ? t('messages.resume') : t('messages.pause')}
        </button>
        <button
          type="button"
          className="button-small"
          disabled={!connectionId || !stats || (stats.received === 0 && stats.count === 0)}
          onClick={() => clear.mutate()}
          title={t('messages.clearTitle')}
        >
          {t('messages.clear')}
        </button>
        <ExportMenu connectionId={connectionId} />
        <button
          type="button"
          className="button-small"
          aria-expanded={editingLimits}
          disabled={!stats}
          onClick={() => setEditingLimits(!editingLimits)}
        >
          {t('messages.limits.button')}
        </button>
      </div>
      {editingLimits && stats && (
        <div className="toolbar">
          <LimitsEditor limits={stats.limits} onDone={() => setEditingLimits(false)} />
        </div>
      )}
    </div>
  );
}
