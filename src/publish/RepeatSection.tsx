import { useId, useState } from 'react';
import type { RepeatControl } from './use-repeat';

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
  const ids = { interval: useId(), count: useId() };
  const [interval, setIntervalText] = useState('1000');
  const [count, setCount] = useState('10');
  const [problem, setProblem] = useState<string | null>(null);
  const { progress } = repeat;
  const running = progress?.state === 'running';

  const start = () => {
    const intervalMs = parsePositive(interval, 1, 86_400_000);
    if (intervalMs === null) return setProblem('The interval is a whole number of milliseconds, at least 1.');
    const times = count.trim() === '' ? undefined : parsePositive(count, 1, 10_000_000);
    if (times === null) return setProblem('Times is a whole number from 1, or empty for "until stopped".');
    setProblem(null);
    onStart(intervalMs, times);
  };

  let status = '';
  if (progress) {
    const total = progress.total === undefined ? '' : ` of ${progress.total}`;
    const failed = progress.failed > 0 ? `, ${progress.failed} failed` : '';
    const state = progress.state === 'running' ? 'Repeating' : progress.detail;
    status = `${progress.sent}${total} sent${failed}. ${state}`;
  }
  const shownProblem = problem ?? repeat.error;

  return (
    <div id={id} className="publish-drawer" role="group" aria-label="Repeat">
      <div className="repeat-row">
        <label htmlFor={ids.interval}>Every (ms)</label>
        <input
          id={ids.interval}
          className="mono props-number"
          inputMode="numeric"
          value={interval}
          disabled={running}
          onChange={(e) => setIntervalText(e.target.value)}
        />
        <label htmlFor={ids.count}>Times</label>
        <input
          id={ids.count}
          className="mono props-number"
          inputMode="numeric"
          value={count}
          placeholder="until stopped"
          disabled={running}
          onChange={(e) => setCount(e.target.value)}
        />
        {running ? (
          <button type="button" onClick={repeat.stop}>
            Stop repeat
          </button>
        ) : (
          <button type="button" onClick={start} disabled={disabled || repeat.starting}>
            Start repeat
          </button>
        )}
        {progress && (
          <progress
            className="repeat-progress"
            aria-label="Repeat progress"
            max={progress.total ?? undefined}
            value={progress.total === undefined ? undefined : progress.sent + progress.failed}
          />
        )}
        <span className="repeat-status" role="status" aria-label="Repeat status">
          {status}
        </span>
      </div>
      <p className="publish-hint">
        The engine sends the messages; {'{{counter}}'} counts up across the run. It stops on its own if the
        connection goes.
      </p>
      {shownProblem && (
        <p className="field-problem" role="alert">
          {shownProblem}
        </p>
      )}
    </div>
  );
}
