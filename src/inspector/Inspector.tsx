import { useQuery } from '@tanstack/react-query';
import { useMemo, useState, useSyncExternalStore } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { MessageDetail } from '../../electron/contract';
import { call, errorText } from '../api/client';
import { useCurrentConnection } from '../connections/connection-queries';
import { formatBytes, formatNumber, formatTime } from '../i18n/format';
import { openInPublisher } from '../publish/open-in-publisher';
import { download } from '../ui/download';
import { decodeUtf8, parseJson, toBase64 } from './decode';
import { DecodedView } from './DecodedView';
import { targetOf, useDecodedView } from './use-decoded-view';
import type { Target } from '../payload-formats/payload-format-queries';
import { DecodedDiff } from './DecodedDiff';
import { HexView } from './HexView';
import { JsonTree } from './JsonTree';
import { chartLeaf } from '../charts/ChartField';
import { TextLines } from './TextLines';
import { topicStore } from '../topics/topic-store';
import { PropertiesView } from './PropertiesView';
import { detectImage } from '../detail/image';
import { ImageView } from '../detail/ImageView';
import { DetailTools } from '../detail/DetailTools';
import '../detail/detail.css';
import { useSelection, type Selection } from './selection';
import { TransformView } from '../scripts/TransformView';

/** Above this the pane shows a preview first; "Show all" fetches the rest. */
export const PREVIEW_LIMIT = 1024 * 1024;

type View = 'image' | 'decoded' | 'json' | 'tree' | 'text' | 'hex' | 'base64' | 'properties' | 'diff';
const VIEWS: View[] = ['decoded', 'json', 'tree', 'text', 'hex', 'base64', 'properties', 'diff'];

function fetchDetail(connectionId: string, selection: NonNullable<Selection>, maxBytes: number) {
  return selection.kind === 'message'
    ? call('messages.detail', { connectionId, seq: selection.seq, maxBytes })
    : call('topics.detail', { connectionId, topic: selection.path, maxBytes });
}

/** The selected message in every reading: JSON, tree, text, hex, base64, properties, diff. */
export function Inspector() {
  const { t } = useTranslation();
  const selection = useSelection();
  const { connectionId } = useCurrentConnection();
  const [fullFor, setFullFor] = useState<string | null>(null);
  const key = selection ? JSON.stringify(selection) : null;
  const maxBytes = fullFor !== null && fullFor === key ? 256 * 1024 * 1024 : PREVIEW_LIMIT;
  // A topic's detail is its last message: fetch again when another one arrives.
  const topicLastSeq = useSyncExternalStore(topicStore.subscribe, () =>
    selection?.kind === 'topic' ? (topicStore.find(selection.path)?.state?.last?.seq ?? 0) : 0,
  );
  // A level like "home" in "home/kitchen" may never have had a message of its own.
  const levelOnly = selection?.kind === 'topic' && topicLastSeq === 0;
  const detail = useQuery({
    queryKey: ['message-detail', connectionId, key, maxBytes, topicLastSeq],
    queryFn: () => fetchDetail(connectionId ?? '', selection ?? { kind: 'message', seq: 1 }, maxBytes),
    enabled: connectionId !== null && selection !== null && !levelOnly,
    // On a busy topic, keep showing its previous message while the next one loads (no
    // flicker); never another selection's, which would open the wrong default view.
    placeholderData: (previous, query) =>
      query && query.queryKey[2] === key && query.queryKey[3] === maxBytes ? previous : undefined,
  });

  return (
    <section className="inspector" aria-label={t('inspector.label')}>
      {!selection ? (
        <p className="muted inspector-note">{t('inspector.select')}</p>
      ) : levelOnly ? (
        <p className="muted inspector-note">
          <Trans
            i18nKey="inspector.levelOnly"
            values={{ path: selection.path }}
            components={{ path: <span className="mono" /> }}
          />
        </p>
      ) : detail.isError ? (
        <p className="field-problem inspector-note" role="alert">
          {errorText(detail.error)}
        </p>
      ) : !detail.data ? (
        <p className="muted inspector-note">{t('inspector.loading')}</p>
      ) : (
        <DetailBody
          key={key}
          detail={detail.data}
          target={targetOf(selection)}
          loadWhole={(bytes) => fetchDetail(connectionId ?? '', selection, bytes)}
          onShowAll={() => setFullFor(key)}
        />
      )}
    </section>
  );
}

function DetailBody({
  detail,
  target,
  loadWhole,
  onShowAll,
}: {
  detail: MessageDetail;
  target: Target;
  /** Fetches this message again with up to `maxBytes` of payload. */
  loadWhole(maxBytes: number): Promise<MessageDetail>;
  onShowAll(): void;
}) {
  const { t } = useTranslation();
  const utf8 = useMemo(() => decodeUtf8(detail.payload), [detail.payload]);
  const json = useMemo(() => (utf8.valid ? parseJson(utf8.text) : { ok: false as const }), [utf8]);
  const kept = detail.truncatedAt ?? detail.size;
  const partial = detail.payload.byteLength < kept;
  const image = useMemo(() => (partial ? null : detectImage(detail.payload)), [partial, detail.payload]);
  const initial: View = image ? 'image' : json.ok ? 'json' : utf8.valid ? 'text' : 'hex';
  const [chosenView, setView] = useState<View>(initial);
  const decodedView = useDecodedView(target);
  const [picked, setPicked] = useState(false);
  // A codec (binding, content type, Sparkplug topic) opens the decoded view, unless the user chose one.
  const view: View = !picked && decodedView.hasCodec ? 'decoded' : chosenView;
  // Each reading is built only when shown: for megabytes they cost real time.
  const pretty = useMemo(
    () => (view === 'json' && json.ok ? JSON.stringify(json.value, null, 2) : ''),
    [view, json],
  );
  const base64 = useMemo(() => (view === 'base64' ? toBase64(detail.payload) : ''), [view, detail.payload]);
  const [saving, setSaving] = useState<string | null>(null);

  // The whole payload goes to the publisher, never the preview of a large one.
  const republish = async () => {
    try {
      const full = partial ? await loadWhole(kept) : detail;
      openInPublisher({
        topic: full.topic,
        payload: new Uint8Array(full.payload),
        qos: full.qos,
        retain: full.retain,
        properties: full.properties,
      });
    } catch (error) {
      setSaving(errorText(error));
    }
  };

  const save = async () => {
    setSaving(t('inspector.preparing'));
    try {
      const full = partial ? await loadWhole(kept) : detail;
      download(`${detail.topic.replace(/[^\w.-]+/g, '_')}-${detail.seq}.bin`, new Uint8Array(full.payload));
      setSaving(null);
    } catch (error) {
      setSaving(errorText(error));
    }
  };

  return (
    <>
      <div className="inspector-head">
        <span className="message-topic mono" title={detail.topic}>
          {detail.topic}
        </span>
        <span className="muted">
          {t(detail.retain ? 'inspector.headRetained' : 'inspector.head', {
            seq: detail.seq,
            time: formatTime(detail.receivedAt),
            qos: detail.qos,
            size: formatBytes(detail.size),
          })}
        </span>
        {detail.truncatedAt !== undefined && (
          <span className="notice" role="note">
            {t('messages.row.truncated', {
              at: formatNumber(detail.truncatedAt),
              size: formatNumber(detail.size),
            })}
          </span>
        )}
        {!utf8.valid && !decodedView.hasCodec && (
          <span className="notice" role="note">
            {t('inspector.notUtf8', { offset: formatNumber(utf8.offset) })}
          </span>
        )}
        <span className="toolbar-spacer" />
        <button
          type="button"
          className="button-small"
          onClick={() => void republish()}
          disabled={detail.truncatedAt !== undefined}
          title={
            detail.truncatedAt !== undefined
              ? t('inspector.republishTruncated')
              : t('inspector.republishTitle')
          }
        >
          {t('inspector.republish')}
        </button>
        <button type="button" className="button-small" onClick={() => void save()}>
          {t('inspector.save')}
        </button>
        {saving && <span className="muted">{saving}</span>}
      </div>
      <DetailTools detail={detail} />
      <TransformView detail={detail} />
      {partial && (
        <div className="inspector-partial" role="note">
          {t('inspector.partial', { shown: formatBytes(detail.payload.byteLength), kept: formatBytes(kept) })}
          <button type="button" className="button-small" onClick={onShowAll}>
            {t('inspector.showAll')}
          </button>
        </div>
      )}
      <div className="inspector-tabs" role="tablist" aria-label={t('inspector.views')}>
        {(image ? ['image' as const, ...VIEWS] : VIEWS).map((v) => (
          <button
            key={v}
            type="button"
            role="tab"
            aria-selected={view === v}
            className="inspector-tab"
            onClick={() => {
              setPicked(true);
              setView(v);
            }}
          >
            {v === 'decoded'
              ? t('codecs.tab')
              : v === 'image'
                ? t('data.image.view')
                : t(`inspector.view.${v}`)}
          </button>
        ))}
      </div>
      <div
        className="inspector-view"
        role="tabpanel"
        aria-label={
          view === 'decoded'
            ? t('codecs.tab')
            : view === 'image'
              ? t('data.image.view')
              : t(`inspector.view.${view}`)
        }
      >
        {view === 'decoded' && (
          <DecodedView
            detail={detail}
            decoded={decodedView.decoded}
            override={decodedView.override}
            onOverride={decodedView.setOverride}
          />
        )}
        {view === 'image' && image && <ImageView bytes={detail.payload} type={image} />}
        {view === 'json' &&
          (json.ok ? (
            <TextLines text={pretty} label={t('inspector.prettyJson')} />
          ) : (
            <p className="muted inspector-note">
              {partial ? t('inspector.partialJson') : t('inspector.notJson')}
            </p>
          ))}
        {view === 'tree' &&
          (json.ok ? (
            <JsonTree value={json.value} leafAction={chartLeaf(detail.topic)} />
          ) : (
            <p className="muted inspector-note">{t('inspector.notJson')}</p>
          ))}
        {view === 'text' && <TextLines text={utf8.text} label={t('inspector.payloadText')} />}
        {view === 'hex' && (
          <HexView bytes={detail.payload} highlight={utf8.valid ? undefined : utf8.offset} />
        )}
        {view === 'base64' && <TextLines text={base64} label={t('inspector.payloadBase64')} width={128} />}
        {view === 'properties' && <PropertiesView detail={detail} />}
        {view === 'diff' && (
          <DecodedDiff detail={detail} current={decodedView.decoded.data} override={decodedView.override} />
        )}
      </div>
    </>
  );
}
