import { useMutation } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import type { StreamLimits } from '../../electron/contract';
import { call, errorText } from '../api/client';

const MiB = 1024 * 1024;

/** The log's bounds, editable: messages kept, memory for them, and the per-payload limit. */
export function LimitsEditor({ limits, onDone }: { limits: StreamLimits; onDone(): void }) {
  const [maxMessages, setMaxMessages] = useState(String(limits.maxMessages));
  const [maxMiB, setMaxMiB] = useState(String(Math.round(limits.maxBytes / MiB)));
  const [payloadKiB, setPayloadKiB] = useState(String(Math.round(limits.maxPayloadBytes / 1024)));
  const ids = { messages: useId(), bytes: useId(), payload: useId() };
  const apply = useMutation({
    mutationFn: () =>
      call('stream.setLimits', {
        maxMessages: Number(maxMessages),
        maxBytes: Number(maxMiB) * MiB,
        maxPayloadBytes: Number(payloadKiB) * 1024,
      }),
    onSuccess: onDone,
  });
  const [problem, setProblem] = useState<string | null>(null);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const whole = [maxMessages, maxMiB, payloadKiB].every((v) => /^\d+$/.test(v.trim()));
    if (!whole) return setProblem('Enter whole numbers.');
    if (Number(maxMessages) < 100) return setProblem('Keep at least 100 messages.');
    if (Number(maxMiB) < 1) return setProblem('Give the log at least 1 MB.');
    if (Number(payloadKiB) < 1) return setProblem('The payload limit is at least 1 KB.');
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
      <label htmlFor={ids.bytes}>Memory (MB)</label>
      <input id={ids.bytes} inputMode="numeric" value={maxMiB} onChange={(e) => setMaxMiB(e.target.value)} />
      <label htmlFor={ids.payload}>Payload limit (KB)</label>
      <input
        id={ids.payload}
        inputMode="numeric"
        value={payloadKiB}
        onChange={(e) => setPayloadKiB(e.target.value)}
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
