import { useQuery } from '@tanstack/react-query';
import { useMemo, useState, useSyncExternalStore } from 'react';
import type { MessageDetail } from '../../electron/contract';
import { call, errorText } from '../api/client';
import { useCurrentConnection } from '../connections/connection-queries';
import { formatBytes, formatTime } from '../i18n/format';
import { openInPublisher } from '../publish/open-in-publisher';
import { download } from '../ui/download';
import { decodeUtf8, parseJson, toBase64 } from './decode';
import { DiffView } from './DiffView';
import { HexView } from './HexView';
import { JsonTree } from './JsonTree';
import { TextLines } from './TextLines';
import { topicStore } from '../topics/topic-store';
import { PropertiesView } from './PropertiesView';
import { useSelection, type Selection } from './selection';

/** Above this the pane shows a preview first; "Show all" fetches the rest. */
export const PREVIEW_LIMIT = 1024 * 1024;

type View = 'json' | 'tree' | 'text' | 'hex' | 'base64' | 'properties' | 'diff';
const VIEWS: { id: View; label: string }[] = [
  { id: 'json', label: 'JSON' },
  { id: 'tree', label: 'Tree' },
  { id: 'text', label: 'Text' },
  { id: 'hex', label: 'Hex' },
  { id: 'base64', label: 'Base64' },
  { id: 'properties', label: 'Properties' },
  { id: 'diff', label: 'Diff' },
];

function fetchDetail(connectionId: string, selection: NonNullable<Selection>, maxBytes: number) {
  return selection.kind === 'message'
    ? call('messages.detail', { connectionId, seq: selection.seq, maxBytes })
    : call('topics.detail', { connectionId, topic: selection.path, maxBytes });
}

/** The selected message in every reading: JSON, tree, text, hex, base64, properties, diff. */
export function Inspector() {
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
    <section className="inspector" aria-label="Message detail">
      {!selection ? (
        <p className="muted inspector-note">Select a message or a topic to see its payload.</p>
      ) : levelOnly ? (
        <p className="muted inspector-note">
          No message arrived on exactly <span className="mono">{selection.path}</span>; expand it to see the
          topics below.
        </p>
      ) : detail.isError ? (
        <p className="field-problem inspector-note" role="alert">
          {errorText(detail.error)}
        </p>
      ) : !detail.data ? (
        <p className="muted inspector-note">Loading…</p>
      ) : (
        <DetailBody
          key={key}
          detail={detail.data}
          loadWhole={(bytes) => fetchDetail(connectionId ?? '', selection, bytes)}
          onShowAll={() => setFullFor(key)}
        />
      )}
    </section>
  );
}

function DetailBody({
  detail,
  loadWhole,
  onShowAll,
}: {
  detail: MessageDetail;
  /** Fetches this message again with up to `maxBytes` of payload. */
  loadWhole(maxBytes: number): Promise<MessageDetail>;
  onShowAll(): void;
}) {
  const utf8 = useMemo(() => decodeUtf8(detail.payload), [detail.payload]);
  const json = useMemo(() => (utf8.valid ? parseJson(utf8.text) : { ok: false as const }), [utf8]);
  const kept = detail.truncatedAt ?? detail.size;
  const partial = detail.payload.byteLength < kept;
  const initial: View = json.ok ? 'json' : utf8.valid ? 'text' : 'hex';
  const [view, setView] = useState<View>(initial);
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
    setSaving('Preparing…');
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
          #{detail.seq} · {formatTime(detail.receivedAt)} · QoS {detail.qos}
          {detail.retain ? ' · retained' : ''} · {formatBytes(detail.size)}
        </span>
        {detail.truncatedAt !== undefined && (
          <span className="notice" role="note">
            Truncated at {detail.truncatedAt.toLocaleString()} bytes of {detail.size.toLocaleString()}
          </span>
        )}
        {!utf8.valid && (
          <span className="notice" role="note">
            Not valid UTF-8 (first bad byte at offset {utf8.offset.toLocaleString()}): see Hex
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
              ? 'The log kept only part of this payload: it cannot be sent again as it was.'
              : 'Fill the publish panel with this message (topic, payload, QoS, retain, properties).'
          }
        >
          Re-publish…
        </button>
        <button type="button" className="button-small" onClick={() => void save()}>
          Save to file
        </button>
        {saving && <span className="muted">{saving}</span>}
      </div>
      {partial && (
        <div className="inspector-partial" role="note">
          Showing the first {formatBytes(detail.payload.byteLength)} of {formatBytes(kept)}.
          <button type="button" className="button-small" onClick={onShowAll}>
            Show all
          </button>
        </div>
      )}
      <div className="inspector-tabs" role="tablist" aria-label="Payload view">
        {VIEWS.map((v) => (
          <button
            key={v.id}
            type="button"
            role="tab"
            aria-selected={view === v.id}
            className="inspector-tab"
            onClick={() => setView(v.id)}
          >
            {v.label}
          </button>
        ))}
      </div>
      <div className="inspector-view" role="tabpanel" aria-label={VIEWS.find((v) => v.id === view)?.label}>
        {view === 'json' &&
          (json.ok ? (
            <TextLines text={pretty} label="Pretty JSON" />
          ) : (
            <p className="muted inspector-note">
              {partial ? 'Only part of this payload is loaded: show all to read it as JSON.' : 'Not JSON.'}
            </p>
          ))}
        {view === 'tree' &&
          (json.ok ? <JsonTree value={json.value} /> : <p className="muted inspector-note">Not JSON.</p>)}
        {view === 'text' && <TextLines text={utf8.text} label="Payload text" />}
        {view === 'hex' && (
          <HexView bytes={detail.payload} highlight={utf8.valid ? undefined : utf8.offset} />
        )}
        {view === 'base64' && <TextLines text={base64} label="Payload in base64" width={128} />}
        {view === 'properties' && <PropertiesView detail={detail} />}
        {view === 'diff' && <DiffView current={detail.payload} previous={detail.previous?.payload} />}
      </div>
    </>
  );
}
