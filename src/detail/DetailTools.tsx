import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageDetail } from '../../electron/contract';
import { call, errorText } from '../api/client';
import { useCurrentConnection } from '../connections/connection-queries';
import { formatNumber } from '../i18n/format';
import { decodeUtf8 } from '../inspector/decode';
import { selectionStore } from '../inspector/selection';
import { copyText } from './clipboard';
import { messageAsJson, mosquittoPubCommand, mqttjsPublishCall, prettyJson } from './copy-formats';
import { TextDiff } from './TextDiff';
import { ChartThis } from '../charts/ChartThis';
import { parseJson } from '../inspector/decode';
import { useCurrentProfileId } from '../payload-formats/current-profile';
import { useDecodedPayload } from '../payload-formats/payload-format-queries';

type CopyKind = 'topic' | 'payload' | 'pretty' | 'json' | 'mosquitto' | 'mqttjs';
const COPY_KINDS: CopyKind[] = ['topic', 'payload', 'pretty', 'json', 'mosquitto', 'mqttjs'];

/**
 * The detail pane's tools for one message: older/newer on its topic (Alt+↑ / Alt+↓), its
 * position in the topic's kept history, copy in six forms, and "compare with" any other
 * kept message as a side-by-side text diff.
 */
export function DetailTools({ detail }: { detail: MessageDetail }) {
  const { t } = useTranslation();
  const { connectionId, status } = useCurrentConnection();
  const [note, setNote] = useState<string | null>(null);
  const [compareText, setCompareText] = useState('');
  const [compareWith, setCompareWith] = useState<number | null>(null);
  const compareId = useId();
  const payloadText = useMemo(() => decodeUtf8(detail.payload).text, [detail.payload]);
  const json = useMemo(() => parseJson(payloadText), [payloadText]);
  // A payload a codec decodes charts from its decoded JSON (the same cached decode as the pane's).
  const profileId = useCurrentProfileId();
  const decoded = useDecodedPayload(connectionId, { seq: detail.seq }, null, true).data?.result;
  const decodedValue = decoded?.ok && decoded.codec !== 'json' && decoded.codec !== 'text' ? decoded : null;
  const copyId = useId();
  const history = useQuery({
    queryKey: ['topic-history', connectionId, detail.seq],
    queryFn: () => call('messages.topicHistory', { connectionId: connectionId ?? '', seq: detail.seq }),
    enabled: connectionId !== null,
  });
  const seqs = history.data?.seqs ?? [];
  const index = seqs.indexOf(detail.seq);
  const older = index > 0 ? seqs[index - 1] : undefined;
  const comparePlaceholder = older !== undefined ? `#${older}` : t('data.compare.placeholder');
  const newer = index >= 0 && index < seqs.length - 1 ? seqs[index + 1] : undefined;
  const go = (seq: number | undefined) => {
    if (seq !== undefined) selectionStore.set({ kind: 'message', seq });
  };

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
      event.preventDefault();
      go(event.key === 'ArrowUp' ? older : newer);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [older, newer]);

  const text = (kind: CopyKind): string => {
    const payload = decodeUtf8(detail.payload).text;
    switch (kind) {
      case 'topic':
        return detail.topic;
      case 'payload':
        return payload;
      case 'pretty':
        return prettyJson(payload) ?? payload;
      case 'json':
        return messageAsJson(detail);
      case 'mosquitto':
        return mosquittoPubCommand(detail, status?.url ?? '', status?.protocolVersion === '5.0');
      case 'mqttjs':
        return mqttjsPublishCall(detail);
    }
  };
  const copy = async (kind: CopyKind) => {
    try {
      await copyText(text(kind));
      setNote(t('data.copy.done', { what: t(`data.copy.kind.${kind}`) }));
    } catch (error) {
      setNote(errorText(error));
    }
  };

  // A text diff against another kept message; the previous one on the topic by default.
  const compared = useQuery({
    queryKey: ['message-detail-compare', connectionId, compareWith],
    queryFn: () => call('messages.detail', { connectionId: connectionId ?? '', seq: compareWith ?? 1 }),
    enabled: connectionId !== null && compareWith !== null,
  });

  return (
    <div className="detail-tools">
      <div className="toolbar detail-tools-row">
        <button
          type="button"
          className="button-small"
          disabled={older === undefined}
          onClick={() => go(older)}
          title={t('data.history.olderTitle')}
        >
          {t('data.history.older')}
        </button>
        <span className="muted" role="status" aria-label={t('data.history.position')}>
          {index >= 0
            ? t('data.history.of', {
                n: formatNumber(index + 1),
                count: seqs.length,
                total: formatNumber(seqs.length),
              })
            : ''}
        </span>
        <button
          type="button"
          className="button-small"
          disabled={newer === undefined}
          onClick={() => go(newer)}
          title={t('data.history.newerTitle')}
        >
          {t('data.history.newer')}
        </button>
        <label htmlFor={copyId} className="sr-only">
          {t('data.copy.label')}
        </label>
        <select
          id={copyId}
          value=""
          onChange={(e) => {
            const kind = COPY_KINDS.find((k) => k === e.target.value);
            if (kind) void copy(kind);
          }}
        >
          <option value="">{t('data.copy.title')}</option>
          {COPY_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`data.copy.kind.${kind}`)}
            </option>
          ))}
        </select>
        {note && (
          <span className="muted" role="status" aria-label={t('data.copy.result')}>
            {note}
          </span>
        )}
        <ChartThis
          key={`${detail.seq}-${decodedValue ? 'decoded' : 'raw'}`}
          topic={detail.topic}
          text={payloadText}
          json={decodedValue ? decodedValue.value : json.ok ? json.value : undefined}
          {...(decodedValue && { decoded: profileId ? { profileId } : {} })}
        />
        <label htmlFor={compareId} className="sr-only">
          {t('data.compare.label')}
        </label>
        <input
          id={compareId}
          className="mono compare-seq"
          inputMode="numeric"
          value={compareText}
          placeholder={comparePlaceholder}
          title={comparePlaceholder}
          onChange={(e) => setCompareText(e.target.value.replace(/[^\d]/g, ''))}
        />
        <button
          type="button"
          className="button-small"
          disabled={compareText === '' && older === undefined}
          onClick={() => setCompareWith(compareText === '' ? (older ?? null) : Number(compareText))}
        >
          {t('data.compare.go')}
        </button>
        {compareWith !== null && (
          <button type="button" className="button-small" onClick={() => setCompareWith(null)}>
            {t('data.compare.close')}
          </button>
        )}
      </div>
      {compareWith !== null &&
        (compared.isError ? (
          <p className="field-problem inspector-note" role="alert">
            {errorText(compared.error)}
          </p>
        ) : compared.data ? (
          <div className="detail-compare">
            <p className="muted inspector-note">
              {t('data.compare.caption', { left: compared.data.seq, right: detail.seq })}
            </p>
            <TextDiff
              original={decodeUtf8(compared.data.payload).text}
              modified={decodeUtf8(detail.payload).text}
              label={t('data.compare.aria', { left: compared.data.seq, right: detail.seq })}
            />
          </div>
        ) : (
          <p className="muted inspector-note">{t('data.compare.loading')}</p>
        ))}
    </div>
  );
}
