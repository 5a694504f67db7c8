import { useMutation } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import type { StreamLimits } from '../../electron/contract';
import { call, errorText } from '../api/client';

const MiB = 1024 * 1024;

/**
 * The log's bounds, editable: messages kept and memory per connection, the per-payload
 * limit, and the memory budget all connections share (Trust #17).
 */
export function LimitsEditor({ limits, onDone }: { limits: StreamLimits; onDone(): void }) {
  const [maxMessages, setMaxMessages] = useState(String(limits.maxMessages));
  const [maxMiB, setMaxMiB] = useState(String(Math.round(limits.maxBytes / MiB)));
  const [payloadKiB, setPayloadKiB] = useState(String(Math.round(limits.maxPayloadBytes / 1024)));
  const [totalMiB, setTotalMiB] = useState(String(Math.round(limits.maxTotalBytes / MiB)));
  const ids = { messages: useId(), bytes: useId(), payload: useId(), total: useId() };
  const apply = useMutation({
    mutationFn: () =>
      call('stream.setLimits', {
        maxMessages: Number(maxMessages),
        maxBytes: Number(maxMiB) * MiB,
        maxPayloadBytes: Number(payloadKiB) * 1024,
        maxTotalBytes: Number(totalMiB) * MiB,
      }),
    onSuccess: onDone,
  });
  const [problem, setProblem] = useState<string | null>(null);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const whole = [maxMessages, maxMiB, payloadKiB, totalMiB].every((v) => /^\d+$/.test(v.trim()));
    if (!whole) return setProblem('Enter whole numbers.');
    if (Number(maxMessages) < 100) return setProblem('Keep at least 100 messages.');
    if (Number(maxMiB) < 1) return setProblem('Give the log at least 1 MB.');
    if (Number(payloadKiB) < 1) return setProblem('The payload limit is at least 1 KB.');
    if (Number(totalMiB) < 8) return setProblem('Give all connections together at least 8 MB.');
    setProblem(null);
    apply.mutate();
  };
  return (
    <form className="limits-editor" onSubmit={onSubmit} aria-label="Message log limits">
      <label htmlFor={ids.messages}>Messages kept</label>
      <input
        id={ids.messages}
        inputMode="numeric"
        value={maxMessages}
        onChange={(e) => setMaxMessages(e.target.value)}
      />
      <label htmlFor={ids.bytes}>Memory per connection (MB)</label>
      <input id={ids.bytes} inputMode="numeric" value={maxMiB} onChange={(e) => setMaxMiB(e.target.value)} />
      <label htmlFor={ids.payload}>Payload limit (KB)</label>
      <input
        id={ids.payload}
        inputMode="numeric"
        value={payloadKiB}
        onChange={(e) => setPayloadKiB(e.target.value)}
      />
      <label htmlFor={ids.total}>All connections (MB)</label>
      <input
        id={ids.total}
        inputMode="numeric"
        value={totalMiB}
        onChange={(e) => setTotalMiB(e.target.value)}
        title="One budget for the kept messages of every connection, open or closed"
      />
      <button type="submit" className="button-small button-primary" disabled={apply.isPending}>
        Apply
      </button>
      <button type="button" className="button-small" onClick={onDone}>
        Cancel
      </button>
      {(problem ?? apply.isError) && (
        <span className="field-problem" role="alert">
          {problem ?? errorText(apply.error)}
        </span>
      )}
    </form>
  );
}
