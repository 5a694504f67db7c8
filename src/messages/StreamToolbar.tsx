import { useMutation } from '@tanstack/react-query';
import { useState, useSyncExternalStore } from 'react';
import { call, errorText } from '../api/client';
import { selectionStore } from '../inspector/selection';
import { ExportMenu } from './ExportMenu';
import { formatBytes } from './format';
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
        <h2 className="section-title">Messages</h2>
        <span className="muted" role="status" aria-label="Message counts">
          {stats
            ? `${stats.received.toLocaleString()} received · ${stats.count.toLocaleString()} kept (${formatBytes(stats.bytes)}) · ${stats.topics.toLocaleString()} topics`
            : 'No connection'}
        </span>
        {stats && (
          <span
            className="muted memory-use"
            role="status"
            aria-label="Message memory"
            title="Memory the kept messages of all connections take, and the budget they share"
          >
            <span className="memory-bar" aria-hidden="true">
              <span style={{ width: `${memoryPercent(stats.totalBytes, stats.limits.maxTotalBytes)}%` }} />
            </span>
            <span className="memory-text">
              {formatBytes(stats.totalBytes)} of {formatBytes(stats.limits.maxTotalBytes)} for all connections
            </span>
          </span>
        )}
        {stats && stats.evicted > 0 && (
          <span className="notice" role="note">
            {stats.evicted.toLocaleString()} oldest dropped to stay within{' '}
            {stats.limits.maxMessages.toLocaleString()} messages / {formatBytes(stats.limits.maxBytes)} per
            connection, {formatBytes(stats.limits.maxTotalBytes)} for all
          </span>
        )}
        {stats && stats.truncated > 0 && (
          <span className="notice" role="note">
            {stats.truncated.toLocaleString()} truncated at {stats.limits.maxPayloadBytes.toLocaleString()}{' '}
            bytes
          </span>
        )}
        {paused && (
          <span className="notice paused-notice" role="note">
            Paused: {receivedWhilePaused.toLocaleString()} new{' '}
            {receivedWhilePaused === 1 ? 'message' : 'messages'} not shown yet
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
          title="Freeze the tree and the list; counting goes on"
        >
          {paused ? 'Resume' : 'Pause'}
        </button>
        <button
          type="button"
          className="button-small"
          disabled={!connectionId || !stats || (stats.received === 0 && stats.count === 0)}
          onClick={() => clear.mutate()}
          title="Empty the message log and the topic tree"
        >
          Clear
        </button>
        <ExportMenu connectionId={connectionId} />
        <button
          type="button"
          className="button-small"
          aria-expanded={editingLimits}
          disabled={!stats}
          onClick={() => setEditingLimits(!editingLimits)}
        >
          Limits
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
