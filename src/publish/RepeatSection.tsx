import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RepeatControl } from './use-repeat';
import { engineText } from '../i18n/engine-text';

interface Props {
  id: string;
  repeat: RepeatControl;
  /** Starts a run with the current form; the panel builds and checks the message. */
  onStart: (intervalMs: number, count: number | undefined) => void;
  disabled: boolean;
}

function parsePositive(text: string, min: number, max: number): number | null {
  if (!/^\d+$/.test(text.trim())) return null;
  const value = Number(text);
  return value >= min && value <= max ? value : null;
}

export function RepeatSection({ id, repeat, onStart, disabled }: Props) {
  const { t } = useTranslation();
  const ids = { interval: useId(), count: useId() };
  const [interval, setIntervalText] = useState('1000');
  const [count, setCount] = useState('10');
  const [problem, setProblem] = useState<string | null>(null);
  const { progress } = repeat;
  const running = progress?.state === 'running';

  const start = () => {
    const intervalMs = parsePositive(interval, 1, 86_400_000);
    if (intervalMs === null) return setProblem(t('publish.repeat.badInterval'));
    const times = count.trim() === '' ? undefined : parsePositive(count, 1, 10_000_000);
    if (times === null) return setProblem(t('publish.repeat.badTimes'));
    setProblem(null);
    onStart(intervalMs, times);
  };

  let status = '';
  if (progress) {
    const state = progress.state === 'running' ? t('publish.repeat.repeating') : engineText(progress.detail);
    const sent =
      progress.total === undefined
        ? t('publish.repeat.sent', { sent: progress.sent })
        : t('publish.repeat.sentOf', { sent: progress.sent, total: progress.total });
    const failed = progress.failed > 0 ? t('publish.repeat.failed', { failed: progress.failed }) : '';
    status = t('publish.repeat.status', { sent, failed, state });
  }
  const shownProblem = problem ?? repeat.error;

  return (
    <div id={id} className="publish-drawer" role="group" aria-label={t('publish.tab.repeat')}>
      <div className="repeat-row">
        <label htmlFor={ids.interval}>{t('publish.repeat.every')}</label>
        <input
          id={ids.interval}
          className="mono props-number"
          inputMode="numeric"
          value={interval}
          disabled={running}
          onChange={(e) => setIntervalText(e.target.value)}
        />
        <label htmlFor={ids.count}>{t('publish.repeat.times')}</label>
        <input
          id={ids.count}
          className="mono props-number"
          inputMode="numeric"
          value={count}
          placeholder={t('publish.repeat.untilStopped')}
          disabled={running}
          onChange={(e) => setCount(e.target.value)}
        />
        {running ? (
          <button type="button" onClick={repeat.stop}>
            {t('publish.repeat.stop')}
          </button>
        ) : (
          <button type="button" onClick={start} disabled={disabled || repeat.starting}>
            {t('publish.repeat.start')}
          </button>
        )}
        {progress && (
          <progress
            className="repeat-progress"
            aria-label={t('publish.repeat.progress')}
            max={progress.total ?? undefined}
            value={progress.total === undefined ? undefined : progress.sent + progress.failed}
          />
        )}
        <span className="repeat-status" role="status" aria-label={t('publish.repeat.statusLabel')}>
          {status}
        </span>
      </div>
      <p className="publish-hint">{t('publish.repeat.hint', { counter: '{{counter}}' })}</p>
      {shownProblem && (
        <p className="field-problem" role="alert">
          {shownProblem}
        </p>
      )}
    </div>
  );
}
