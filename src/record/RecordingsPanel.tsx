import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecordingInfo } from '../../electron/contract';
import { errorText } from '../api/client';
import { useTakeOpenedFile } from '../app/opened-files';
import { useCurrentConnection } from '../connections/connection-queries';
import { formatBytes, formatCount, formatSeconds } from '../i18n/format';
import { ReplayForm } from './ReplayForm';
import { useChooseRecordingPath, useIsDesktop, useOpenRecordingFile } from './desktop-files';
import {
  useActiveRecordings,
  useDeleteRecording,
  useRecordFeed,
  useRecordings,
  useStartRecording,
  useStopRecording,
} from './record-queries';
import './record.css';

/**
 * Record and replay: record the current connection's traffic to a file, list the recordings
 * (size, duration, count), and replay one into any connection. Self-contained, so the
 * workbench can mount it as a view of its own.
 */
export function RecordingsPanel() {
  const { t } = useTranslation();
  useRecordFeed();
  const { connectionId, status } = useCurrentConnection();
  const recordings = useRecordings();
  const active = useActiveRecordings();
  const start = useStartRecording();
  const stop = useStopRecording();
  const remove = useDeleteRecording();
  const desktop = useIsDesktop();
  const choosePath = useChooseRecordingPath();
  const openFile = useOpenRecordingFile();
  const [filter, setFilter] = useState('');
  const [includeSent, setIncludeSent] = useState(false);
  const [path, setPath] = useState('');
  const [replaying, setReplaying] = useState<RecordingInfo | null>(null);
  // A recording opened from the desktop is offered for replay; nothing starts by itself.
  useTakeOpenedFile('recording', setReplaying);
  const current = active.data?.find((r) => r.connectionId === connectionId && r.state === 'recording');
  const connected = status?.state === 'connected' && connectionId !== null;
  const error =
    start.error ?? stop.error ?? remove.error ?? choosePath.error ?? openFile.error ?? recordings.error;

  return (
    <details className="sidebar-section record-panel" open>
      <summary>
        <h2 className="section-title">{t('record.title')}</h2>
      </summary>
      <div className="record-body">
        {current ? (
          <div className="record-live" role="status" aria-label={t('record.live')}>
            <span className="record-dot" aria-hidden="true" />
            <span>
              {t('record.progress', {
                count: current.written,
                written: formatCount(current.written),
                size: formatBytes(current.bytes),
              })}
            </span>
            {current.dropped > 0 && (
              <span className="record-warn">{t('record.dropped', { count: current.dropped })}</span>
            )}
            <button
              type="button"
              className="button-small"
              disabled={stop.isPending}
              onClick={() => stop.mutate(current.recordingId)}
            >
              {t('record.stop')}
            </button>
          </div>
        ) : (
          <form
            className="record-start"
            onSubmit={(e) => {
              e.preventDefault();
              if (!connectionId) return;
              start.mutate({
                connectionId,
                includeSent,
                ...(filter.trim() !== '' && { filter: filter.trim() }),
                ...(path.trim() !== '' && { path: path.trim() }),
              });
            }}
          >
            <label className="record-field">
              <span>{t('record.filter')}</span>
              <input
                className="mono"
                value={filter}
                placeholder={t('record.filterPlaceholder')}
                onChange={(e) => setFilter(e.target.value)}
              />
            </label>
            <label className="record-field">
              <span>{t('record.path')}</span>
              <span className="record-path">
                <input
                  className="mono"
                  value={path}
                  placeholder={t('record.pathPlaceholder')}
                  onChange={(e) => setPath(e.target.value)}
                />
                {desktop && (
                  <button
                    type="button"
                    className="button-small"
                    disabled={choosePath.isPending}
                    onClick={() =>
                      choosePath.mutate(undefined, {
                        onSuccess: (chosen) => chosen !== null && setPath(chosen),
                      })
                    }
                  >
                    {t('record.choose')}
                  </button>
                )}
              </span>
            </label>
            <label className="record-check">
              <input
                type="checkbox"
                checked={includeSent}
                onChange={(e) => setIncludeSent(e.target.checked)}
              />
              {t('record.includeSent')}
            </label>
            <button type="submit" className="button-small" disabled={!connected || start.isPending}>
              {t('record.start')}
            </button>
            {!connected && <p className="muted record-note">{t('record.connectFirst')}</p>}
          </form>
        )}
        {error && (
          <p className="record-error" role="alert">
            {errorText(error)}
          </p>
        )}
        <div className="record-list-head">
          <h3 className="record-subtitle">{t('record.list')}</h3>
          {desktop && (
            <button
              type="button"
              className="button-small"
              disabled={openFile.isPending}
              onClick={() => openFile.mutate(undefined, { onSuccess: (info) => info && setReplaying(info) })}
            >
              {t('record.openFile')}
            </button>
          )}
        </div>
        {recordings.data?.length === 0 && <p className="muted record-note">{t('record.none')}</p>}
        <ul className="record-list" aria-label={t('record.list')}>
          {recordings.data?.map((r) => (
            <li key={r.path} className="record-item">
              <span className="record-name mono" title={r.path}>
                {r.name}
              </span>
              <span className="muted record-facts">
                {t('record.facts', {
                  count: r.count,
                  messages: formatCount(r.count),
                  size: formatBytes(r.size),
                  duration: formatSeconds(r.durationMs),
                })}
                {r.active && ` · ${t('record.recording')}`}
                {r.unreadable > 0 && ` · ${t('record.unreadable', { count: r.unreadable })}`}
              </span>
              <span className="record-actions">
                <button type="button" className="button-small" onClick={() => setReplaying(r)}>
                  {t('record.replay')}
                </button>
                <button
                  type="button"
                  className="button-small"
                  disabled={r.active || remove.isPending}
                  aria-label={t('record.deleteNamed', { name: r.name })}
                  onClick={() => remove.mutate(r.name)}
                >
                  {t('record.delete')}
                </button>
              </span>
            </li>
          ))}
        </ul>
        {replaying && <ReplayForm recording={replaying} onClose={() => setReplaying(null)} />}
      </div>
    </details>
  );
}
