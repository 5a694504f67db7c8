import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Qos, RecordingInfo, ReplayStart } from '../../electron/contract';
import { errorText } from '../api/client';
import { engineText } from '../i18n/engine-text';
import { formatCount } from '../i18n/format';
import { useKnownConnections, useReplayControl, useReplays, useStartReplay } from './record-queries';

interface Props {
  recording: RecordingInfo;
  onClose: () => void;
}

type Retain = NonNullable<ReplayStart['retain']>;

/** The replay options for one recording, then its progress with pause and stop. */
export function ReplayForm({ recording, onClose }: Props) {
  const { t } = useTranslation();
  const connections = useKnownConnections().filter((c) => c.state === 'connected');
  const startReplay = useStartReplay();
  const control = useReplayControl();
  const replays = useReplays();
  const [target, setTarget] = useState('');
  const [speed, setSpeed] = useState('1');
  const [max, setMax] = useState(false);
  const [prefix, setPrefix] = useState('');
  const [pattern, setPattern] = useState('');
  const [replace, setReplace] = useState('');
  const [qos, setQos] = useState<'keep' | `${Qos}`>('keep');
  const [retain, setRetain] = useState<Retain>('keep');
  const [loop, setLoop] = useState(false);
  const [filter, setFilter] = useState('');
  const [replayId, setReplayId] = useState<string | null>(null);
  const connectionId = target || connections[0]?.connectionId || '';
  const progress = replays.data?.find((r) => r.replayId === replayId);
  const running = progress?.state === 'running' || progress?.state === 'paused';
  const error = startReplay.error ?? control.error;

  const submit = () => {
    if (!connectionId) return;
    const input: ReplayStart = {
      connectionId,
      source: { path: recording.path },
      speed: max ? 'max' : Number(speed),
      retain,
      loop,
      ...(prefix !== '' && { prefix }),
      ...(pattern !== '' && { rewrite: { pattern, replace } }),
      ...(qos !== 'keep' && { qos: Number(qos) as Qos }),
      ...(filter.trim() !== '' && { filter: filter.trim() }),
    };
    startReplay.mutate(input, { onSuccess: (p) => setReplayId(p.replayId) });
  };

  return (
    <form
      className="replay-form"
      aria-label={t('record.replayOf', { name: recording.name })}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <h3 className="replay-title">{t('record.replayOf', { name: recording.name })}</h3>
      <label className="record-field">
        <span>{t('record.target')}</span>
        <select value={connectionId} onChange={(e) => setTarget(e.target.value)}>
          {connections.length === 0 && <option value="">{t('record.noTarget')}</option>}
          {connections.map((c) => (
            <option key={c.connectionId} value={c.connectionId}>
              {c.url} ({c.clientId})
            </option>
          ))}
        </select>
      </label>
      <div className="record-row">
        <label className="record-field">
          <span>{t('record.speed')}</span>
          <input
            type="number"
            min={0.01}
            step="any"
            value={speed}
            disabled={max}
            onChange={(e) => setSpeed(e.target.value)}
          />
        </label>
        <label className="record-check">
          <input type="checkbox" checked={max} onChange={(e) => setMax(e.target.checked)} />
          {t('record.max')}
        </label>
      </div>
      <label className="record-field">
        <span>{t('record.prefix')}</span>
        <input className="mono" value={prefix} onChange={(e) => setPrefix(e.target.value)} />
      </label>
      <div className="record-row">
        <label className="record-field">
          <span>{t('record.pattern')}</span>
          <input className="mono" value={pattern} onChange={(e) => setPattern(e.target.value)} />
        </label>
        <label className="record-field">
          <span>{t('record.replace')}</span>
          <input className="mono" value={replace} onChange={(e) => setReplace(e.target.value)} />
        </label>
      </div>
      <div className="record-row">
        <label className="record-field">
          <span>{t('record.qos')}</span>
          <select value={qos} onChange={(e) => setQos(e.target.value as typeof qos)}>
            <option value="keep">{t('record.keep')}</option>
            <option value="0">0</option>
            <option value="1">1</option>
            <option value="2">2</option>
          </select>
        </label>
        <label className="record-field">
          <span>{t('record.retain')}</span>
          <select value={retain} onChange={(e) => setRetain(e.target.value as Retain)}>
            <option value="keep">{t('record.keep')}</option>
            <option value="on">{t('record.on')}</option>
            <option value="off">{t('record.off')}</option>
          </select>
        </label>
      </div>
      <label className="record-field">
        <span>{t('record.replayFilter')}</span>
        <input
          className="mono"
          value={filter}
          placeholder={t('record.filterPlaceholder')}
          onChange={(e) => setFilter(e.target.value)}
        />
      </label>
      <label className="record-check">
        <input type="checkbox" checked={loop} onChange={(e) => setLoop(e.target.checked)} />
        {t('record.loop')}
      </label>
      {progress && (
        <div className="replay-progress" role="status" aria-label={t('record.replayProgress')}>
          <progress
            max={Math.max(1, progress.total)}
            value={Math.min(progress.total, Math.max(0, progress.sent - progress.loops * progress.total))}
          />
          <span>
            {t(`record.state.${progress.state}`)} ·{' '}
            {t('record.sent', { sent: formatCount(progress.sent), total: formatCount(progress.total) })}
            {progress.failed > 0 && ` · ${t('record.failed', { count: progress.failed })}`}
            {progress.loops > 0 && ` · ${t('record.loops', { count: progress.loops })}`}
          </span>
          <span className="muted record-note">{engineText(progress.detail)}</span>
        </div>
      )}
      {error && (
        <p className="record-error" role="alert">
          {errorText(error)}
        </p>
      )}
      <div className="record-actions">
        {running && replayId ? (
          <>
            <button
              type="button"
              className="button-small"
              onClick={() =>
                control.mutate({ replayId, action: progress.state === 'paused' ? 'resume' : 'pause' })
              }
            >
              {progress.state === 'paused' ? t('record.resume') : t('record.pause')}
            </button>
            <button
              type="button"
              className="button-small"
              onClick={() => control.mutate({ replayId, action: 'stop' })}
            >
              {t('record.stopReplay')}
            </button>
          </>
        ) : (
          <button type="submit" className="button-small" disabled={!connectionId || startReplay.isPending}>
            {t('record.startReplay')}
          </button>
        )}
        <button type="button" className="button-small" onClick={onClose}>
          {t('record.close')}
        </button>
      </div>
    </form>
  );
}
