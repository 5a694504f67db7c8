import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CODEC_IDS, formatPath, type CodecId, type DecodeResult } from '../../electron/contract';
import type { DecodedPayload, MessageDetail } from '../../electron/contract';
import { errorText } from '../api/client';
import { engineText } from '../i18n/engine-text';
import { CODEC_NAMES } from '../payload-formats/codec-names';
import type { Target } from '../payload-formats/payload-format-queries';
import { HexView } from './HexView';
import { JsonTree } from './JsonTree';
import { TextLines } from './TextLines';

interface Props {
  detail: MessageDetail;
  decoded: { data?: DecodedPayload | undefined; error: unknown; isPending: boolean };
  override: { codec: CodecId; messageType?: string } | null;
  onOverride(next: { codec: CodecId; messageType?: string } | null): void;
}

/** The selected message through its codec: pretty JSON or tree, what JSON hides, or why it fails. */
export function DecodedView({ detail, decoded, override, onOverride }: Props) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<'pretty' | 'tree'>('pretty');
  const ids = { as: useId(), type: useId() };
  const data = decoded.data;
  const codec = override?.codec ?? data?.choice?.codec;

  return (
    <div className="decoded-view">
      <div className="decoded-bar">
        {data?.choice && (
          <span className="decoded-codec" data-testid="decoded-codec">
            {t('codecs.decodedAs', { codec: CODEC_NAMES[data.choice.codec] })} ·{' '}
            {t(`codecs.source.${data.choice.source}`)}
          </span>
        )}
        <span className="toolbar-spacer" />
        <label htmlFor={ids.as}>{t('codecs.decodeAs')}</label>
        <select
          id={ids.as}
          value={override?.codec ?? ''}
          onChange={(e) =>
            onOverride(
              e.target.value
                ? {
                    codec: e.target.value as CodecId,
                    ...(override?.messageType ? { messageType: override.messageType } : {}),
                  }
                : null,
            )
          }
        >
          <option value="">{t('codecs.auto')}</option>
          {CODEC_IDS.map((id) => (
            <option key={id} value={id}>
              {CODEC_NAMES[id]}
            </option>
          ))}
        </select>
        {codec === 'protobuf' && (
          <>
            <label htmlFor={ids.type}>{t('codecs.messageType')}</label>
            <input
              id={ids.type}
              className="mono"
              placeholder={t('codecs.messageTypePlaceholder')}
              defaultValue={override?.messageType ?? data?.choice?.messageType ?? ''}
              onBlur={(e) => {
                const messageType = e.target.value.trim();
                onOverride({ codec: 'protobuf', ...(messageType ? { messageType } : {}) });
              }}
            />
          </>
        )}
        <div className="decoded-modes" role="group">
          <button
            type="button"
            className="button-small"
            aria-pressed={mode === 'pretty'}
            onClick={() => setMode('pretty')}
          >
            {t('codecs.pretty')}
          </button>
          <button
            type="button"
            className="button-small"
            aria-pressed={mode === 'tree'}
            onClick={() => setMode('tree')}
          >
            {t('codecs.tree')}
          </button>
        </div>
      </div>
      {decoded.error ? (
        <p className="field-problem inspector-note" role="alert">
          {errorText(decoded.error)}
        </p>
      ) : !data ? (
        <p className="muted inspector-note">{t('inspector.loading')}</p>
      ) : !data.result ? (
        <p className="muted inspector-note">{t('codecs.none')}</p>
      ) : (
        <DecodedBody
          result={data.result}
          text={data.text}
          mode={mode}
          aliasesFrom={data.aliasesFrom}
          payload={detail.payload}
        />
      )}
    </div>
  );
}

function DecodedBody({
  result,
  text,
  mode,
  aliasesFrom,
  payload,
}: {
  result: DecodeResult;
  text: string;
  mode: 'pretty' | 'tree';
  aliasesFrom: string | undefined;
  payload: Uint8Array;
}) {
  const { t } = useTranslation();
  const marks = useMemo(() => (result.ok ? result.marks.slice(0, 200) : []), [result]);
  if (!result.ok) {
    // The error and the bytes, never an empty pane: the offset is highlighted in the dump.
    return (
      <div className="decoded-failed">
        <p className="field-problem inspector-note" role="alert">
          {t('codecs.failed', { codec: CODEC_NAMES[result.codec] })}: {engineText(result.text)}
        </p>
        <HexView bytes={payload} highlight={result.offset} />
      </div>
    );
  }
  return (
    <div className="decoded-ok">
      {aliasesFrom && <p className="muted decoded-note">{t('codecs.aliasesFrom', { topic: aliasesFrom })}</p>}
      {mode === 'pretty' ? (
        <TextLines text={text} label={t('codecs.decodedText')} />
      ) : (
        <JsonTree value={result.value} />
      )}
      {marks.length > 0 && (
        <details className="decoded-marks">
          <summary>
            {t('codecs.marks')} ({marks.length})
          </summary>
          <ul>
            {marks.map((mark, i) => (
              <li key={i}>
                <span className="mono">{formatPath(mark.path)}</span> — {t(`codecs.mark.${mark.kind}`)}
                {mark.note ? ` (${mark.note})` : ''}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

export type { Target };
