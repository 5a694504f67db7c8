import { useMutation } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { StreamLimits } from '../../electron/contract';
import { call, errorText } from '../api/client';

const MiB = 1024 * 1024;

/**
 * The log's bounds, editable: messages kept and memory per connection, the per-payload
 * limit, and the memory budget all connections share (Trust #17).
 */
export function LimitsEditor({ limits, onDone }: { limits: StreamLimits; onDone(): void }) {
  const { t } = useTranslation();
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
    if (!whole) return setProblem(t('messages.limits.whole'));
    if (Number(maxMessages) < 100) return setProblem(t('messages.limits.minMessages'));
    if (Number(maxMiB) < 1) return setProblem(t('messages.limits.minBytes'));
    if (Number(payloadKiB) < 1) return setProblem(t('messages.limits.minPayload'));
    if (Number(totalMiB) < 8) return setProblem(t('messages.limits.minTotal'));
    setProblem(null);
    apply.mutate();
  };
  return (
    <form className="limits-editor" onSubmit={onSubmit} aria-label={t('messages.limits.label')}>
      <label htmlFor={ids.messages}>{t('messages.limits.messages')}</label>
      <input
        id={ids.messages}
        inputMode="numeric"
        value={maxMessages}
        onChange={(e) => setMaxMessages(e.target.value)}
      />
      <label htmlFor={ids.bytes}>{t('messages.limits.memory')}</label>
      <input id={ids.bytes} inputMode="numeric" value={maxMiB} onChange={(e) => setMaxMiB(e.target.value)} />
      <label htmlFor={ids.payload}>{t('messages.limits.payload')}</label>
      <input
        id={ids.payload}
        inputMode="numeric"
        value={payloadKiB}
        onChange={(e) => setPayloadKiB(e.target.value)}
      />
      <label htmlFor={ids.total}>{t('messages.limits.total')}</label>
      <input
        id={ids.total}
        inputMode="numeric"
        value={totalMiB}
        onChange={(e) => setTotalMiB(e.target.value)}
        title={t('messages.limits.totalTitle')}
      />
      <button type="submit" className="button-small button-primary" disabled={apply.isPending}>
        {t('common.apply')}
      </button>
      <button type="button" className="button-small" onClick={onDone}>
        {t('common.cancel')}
      </button>
      {(problem ?? apply.isError) && (
        <span className="field-problem" role="alert">
          {problem ?? errorText(apply.error)}
        </span>
      )}
    </form>
  );
}
