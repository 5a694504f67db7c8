import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useDeferredValue, useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Preset, PublishResult } from '../../electron/contract';
import { hasTemplate, liveTemplateContext } from '../../electron/contract';
import { call, errorText } from '../api/client';
import { engineText } from '../i18n/engine-text';
import { useCurrentConnection } from '../connections/connection-queries';
import { invalidProps } from '../ui/field';
import { QosSelect } from '../ui/QosSelect';
import { buildPublish, type BuildField, type OutgoingMessage } from './build-publish';
import { countProperties, toPublishDraft, type EditorDraft } from './draft';
import { draftStore } from './draft-store';
import { PayloadEditor, preloadPayloadEditor } from './editor/PayloadEditor';
import type { EditorMarker, PayloadEditorHandle } from './editor/payload-editor-props';
import { HistorySection } from './HistorySection';
import { onOpenInPublisher } from './open-in-publisher';
import { PayloadToolbar } from './PayloadToolbar';
import { PresetsSection } from './PresetsSection';
import { PropertiesSection } from './PropertiesSection';
import type { HistoryEntry } from './publish-history';
import { usePublishHistory } from './use-publish-history';
import { OutgoingQueue } from './OutgoingQueue';
import { brokerKey, useTopicSchemas } from './publish-queries';
import { RepeatSection } from './RepeatSection';
import { seenTopics } from './seen-topics';
import { schemaForTopic } from './topic-schemas';
import { TopicSchemasDialog } from './TopicSchemasDialog';
import { EncodeAsSelect, useEncodeForSend, type EncodeChoice } from '../payload-formats/EncodeAsSelect';
import { queueKey } from './use-outgoing-queue';
import { useDraft } from './use-draft';
import { useRepeat } from './use-repeat';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const SHORTCUT = isMac ? '⌘↵' : 'Ctrl+Enter';
const PREVIEW_CHARS = 400;
/** How long a publish may wait for its acknowledgement before the queue indicator is asked. */
const QUEUE_LOOK_AFTER_MS = 400;

type Drawer = 'properties' | 'repeat' | 'presets' | 'history';

interface Refusal {
  field: BuildField | null;
  message: string;
}

interface SendArgs {
  message: OutgoingMessage;
  draft: EditorDraft;
  size: number;
}

export function PublishPanel() {
  const { t } = useTranslation();
  const { connectionId, status } = useCurrentConnection();
  const draft = useDraft();
  const deferred = useDeferredValue(draft);
  const connected = status?.state === 'connected';
  const v5 = (status?.protocolVersion ?? '5.0') === '5.0';
  const clientId = status?.clientId ?? '';
  const schemas = useTopicSchemas().data ?? [];
  const schema = draft.format === 'json' ? schemaForTopic(schemas, draft.topic) : null;
  const broker = brokerKey(status);
  const queryClient = useQueryClient();
  const ids = { title: useId(), topic: useId(), qos: useId(), topics: useId(), drawer: useId() };

  // {{counter}}: 1 for the first templated publish of this page, counting up (repeats too).
  const [counter, setCounter] = useState(1);
  const editor = useRef<PayloadEditorHandle | null>(null);
  const panel = useRef<HTMLElement>(null);
  const [markers, setMarkers] = useState<EditorMarker[]>([]);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [drawer, setDrawer] = useState<Drawer | null>(null);
  const [schemasOpen, setSchemasOpen] = useState(false);
  const [encodeAs, setEncodeAs] = useState<EncodeChoice>(null);
  const encodeForSend = useEncodeForSend();
  const [topics, setTopics] = useState<string[]>([]);

  useEffect(() => {
    // Monaco loads while the user looks at the first screen, not when they first click.
    const idle = window.setTimeout(preloadPayloadEditor, 300);
    return () => window.clearTimeout(idle);
  }, []);

  useEffect(
    () =>
      onOpenInPublisher(() => {
        setRefusal(null);
        panel.current?.scrollIntoView({ block: 'nearest' });
        editor.current?.focus();
      }),
    [],
  );

  const history = usePublishHistory();
  const publish = useMutation({
    mutationFn: ({ message }: SendArgs): Promise<PublishResult> =>
      call('message.publish', { connectionId: connectionId ?? '', ...message }),
    onSettled: (result, error, args) => {
      if (connectionId) void queryClient.invalidateQueries({ queryKey: queueKey(connectionId) });
      history.add({
        at: Date.now(),
        message: args.message,
        draft: args.draft,
        size: args.size,
        ok: !error,
        outcome: result ? engineText(result.outcome) : errorText(error),
      });
    },
  });

  // A QoS 1/2 publish answers only once acknowledged: while it waits, let the queue show it.
  const waitingFor = publish.isPending ? connectionId : null;
  useEffect(() => {
    if (!waitingFor) return;
    const timer = setTimeout(
      () => void queryClient.invalidateQueries({ queryKey: queueKey(waitingFor) }),
      QUEUE_LOOK_AFTER_MS,
    );
    return () => clearTimeout(timer);
  }, [waitingFor, queryClient]);

  const repeat = useRepeat((progress) => {
    setCounter((c) => c + progress.sent + progress.failed);
  });

  const patch = (change: Partial<EditorDraft>) => {
    draftStore.patch(change);
    setRefusal(null);
  };

  const submit = () => {
    const current = draftStore.getSnapshot();
    const built = buildPublish(current, { v5, templates: liveTemplateContext(counter, clientId) });
    publish.reset();
    if (!built.ok) return setRefusal(built);
    if (!connectionId || !connected)
      return setRefusal({ field: null, message: t('subscriptions.connectFirst') });
    setRefusal(null);
    if (built.expanded) setCounter((c) => c + 1);
    const payload = built.message.payload;
    if (encodeAs && current.format === 'json' && typeof payload === 'object' && payload.format === 'json') {
      // Binary codecs: the engine encodes the expanded JSON; a wrong field is refused with its path.
      void encodeForSend(encodeAs, payload.text).then(
        (encoded) => {
          if (!encoded.ok) return setRefusal({ field: 'payload', message: encoded.message });
          const message = {
            ...built.message,
            payload: { format: 'bytes' as const, bytes: new Uint8Array(encoded.bytes) },
          };
          publish.mutate({ message, draft: current, size: encoded.bytes.length });
        },
        (error: unknown) => setRefusal({ field: 'payload', message: errorText(error) }),
      );
      return;
    }
    publish.mutate({ message: built.message, draft: current, size: built.bytes.length });
  };

  const startRepeat = (intervalMs: number, count: number | undefined) => {
    const current = draftStore.getSnapshot();
    // Checked here with the first message's values; the engine expands each message itself.
    const built = buildPublish(current, { v5, templates: liveTemplateContext(counter, clientId) });
    if (!built.ok) return setRefusal(built);
    if (!connectionId || !connected)
      return setRefusal({ field: null, message: t('subscriptions.connectFirst') });
    setRefusal(null);
    const payload =
      current.format === 'file' ? built.message.payload : { format: current.format, text: current.text };
    void repeat.start({
      connectionId,
      topic: built.message.topic,
      payload,
      qos: built.message.qos,
      retain: built.message.retain,
      ...(built.message.properties && { properties: built.message.properties }),
      intervalMs,
      ...(count !== undefined && { count }),
      counterStart: counter,
    });
  };

  const resend = (entry: HistoryEntry) => {
    publish.reset();
    if (!connectionId || !connected)
      return setRefusal({ field: null, message: t('subscriptions.connectFirst') });
    setRefusal(null);
    publish.mutate({ message: entry.message, draft: entry.draft, size: entry.size });
  };

  const loadPreset = (preset: Preset) => {
    const { name: _name, ...body } = preset;
    draftStore.replace({ ...body, file: null });
    setRefusal(null);
    editor.current?.focus();
  };

  // Ctrl/Cmd+Enter publishes from anywhere in the panel; the editor has its own binding.
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey)) return;
    if (event.target instanceof Element && event.target.closest('.monaco-editor')) return;
    event.preventDefault();
    submit();
  };

  // Live checks on what is typed: payload and properties (the topic only once sending).
  const live = buildPublish(deferred, {
    v5,
    templates: liveTemplateContext(counter, clientId),
  });
  const liveProblem = !live.ok && live.field !== 'topic' && deferred.text !== '' ? live : null;
  const shown = refusal ?? liveProblem;
  const topicProblem = refusal?.field === 'topic' ? refusal.message : null;
  const showPreview = live.ok && live.expanded && draft.format !== 'file' && hasTemplate(deferred.text);
  const preview =
    showPreview && live.ok && typeof live.message.payload === 'object' && 'text' in live.message.payload
      ? live.message.payload.text
      : '';
  const errorCount = markers.filter((m) => m.severity === 'error').length;
  const warningCount = markers.length - errorCount;

  let outcome = '';
  let failed = false;
  if (refusal && refusal.field !== 'properties') {
    outcome =
      refusal.field === null ? refusal.message : t('publish.notPublished', { message: refusal.message });
    failed = true;
  } else if (refusal) {
    outcome = t('publish.notPublished', { message: refusal.message });
    failed = true;
  } else if (publish.isPending) outcome = t('publish.publishing');
  else if (publish.isError) {
    outcome = errorText(publish.error);
    failed = true;
  } else if (publish.isSuccess) {
    // The engine's own words: "Acknowledged: PUBACK No matching subscribers (0x10)."
    outcome = engineText(publish.data.outcome);
  }

  const propertyCount = countProperties(draft.properties);
  const historyCount = history.entries.length;
  const toggle = (which: Drawer) => setDrawer(drawer === which ? null : which);
  const tab = (which: Drawer, label: string) => (
    <button
      type="button"
      className={drawer === which ? 'drawer-tab is-open' : 'drawer-tab'}
      aria-expanded={drawer === which}
      aria-controls={drawer === which ? ids.drawer : undefined}
      onClick={() => toggle(which)}
    >
      {label}
    </button>
  );

  return (
    <section ref={panel} className="publish" aria-labelledby={ids.title} onKeyDown={onKeyDown}>
      <div className="publish-bar">
        <h2 id={ids.title} className="section-title">
          {t('publish.title')}
        </h2>
        <label htmlFor={ids.topic}>{t('publish.topic')}</label>
        <input
          {...invalidProps(ids.topic, topicProblem)}
          className="mono publish-topic"
          value={draft.topic}
          placeholder={t('publish.topicPlaceholder')}
          spellCheck={false}
          autoComplete="off"
          list={ids.topics}
          onFocus={() => setTopics(seenTopics(connectionId))}
          onChange={(e) => patch({ topic: e.target.value })}
        />
        <datalist id={ids.topics}>
          {topics.map((topic) => (
            <option key={topic} value={topic} />
          ))}
        </datalist>
        <label htmlFor={ids.qos}>{t('subscriptions.qos')}</label>
        <QosSelect id={ids.qos} value={draft.qos} onChange={(qos) => patch({ qos })} />
        <label className="checkbox">
          <input
            type="checkbox"
            checked={draft.retain}
            onChange={(e) => patch({ retain: e.target.checked })}
          />
          {t('publish.retain')}
        </label>
        <button type="button" className="button-primary" onClick={submit} disabled={publish.isPending}>
          {t('publish.publish')}
        </button>
        <kbd className="shortcut" aria-hidden="true">
          {SHORTCUT}
        </kbd>
        <span
          className={failed ? 'publish-result is-error' : 'publish-result'}
          role="status"
          aria-label={t('publish.result')}
          title={outcome}
        >
          {outcome}
        </span>
        {/* While reconnecting too: what is kept for the resend is still unanswered. */}
        <OutgoingQueue
          connectionId={connectionId}
          connected={connected || status?.state === 'reconnecting'}
        />
      </div>
      {topicProblem && (
        <span id={`${ids.topic}-problem`} className="field-problem publish-problem">
          {topicProblem}
        </span>
      )}

      <PayloadToolbar
        draft={draft}
        schema={schema}
        size={live.ok ? live.bytes.length : null}
        onPatch={patch}
        onProblem={(message) => setRefusal(message ? { field: 'payload', message } : null)}
        onInsert={(text) => editor.current?.insert(text)}
        onOpenSchemas={() => setSchemasOpen(true)}
      />
      {draft.format === 'json' && <EncodeAsSelect value={encodeAs} onChange={setEncodeAs} />}
      {draft.format === 'file' ? null : (
        <PayloadEditor
          value={draft.text}
          onChange={(text) => patch({ text })}
          language={draft.format === 'json' ? 'json' : 'plaintext'}
          schema={schema}
          onSubmit={submit}
          onMarkers={setMarkers}
          placeholder={
            draft.format === 'json'
              ? t('publish.placeholderJson', {
                  shortcut: SHORTCUT,
                  example: '{"command": "ping", "at": {{timestamp}}}',
                })
              : t('publish.placeholderText', { shortcut: SHORTCUT })
          }
          onReady={(handle) => (editor.current = handle)}
        />
      )}
      <div className="publish-notes">
        {draft.format === 'json' && markers.length > 0 && (
          <span className={errorCount > 0 ? 'note-error' : 'note-warn'}>
            {errorCount > 0 && t('publish.syntaxErrors', { count: errorCount })}
            {errorCount > 0 && warningCount > 0 && ', '}
            {warningCount > 0 && t('publish.schemaWarnings', { count: warningCount })}
            {t('publish.markerAt', {
              line: markers[0]?.line,
              column: markers[0]?.column,
              message: markers[0]?.message,
            })}
            {errorCount > 0 &&
              hasTemplate(draft.text) &&
              t('publish.markedBeforeExpansion', { variables: '{{variables}}' })}
          </span>
        )}
        {shown &&
          shown.field !== 'topic' &&
          shown.field !== null &&
          !(markers.length > 0 && shown === liveProblem) && (
            <span className="note-error" role="alert">
              {shown.message}
            </span>
          )}
        {showPreview && (
          <span className="publish-preview">
            <span className="muted">{t('publish.preview', { counter })}</span>{' '}
            <span className="mono" aria-label={t('publish.previewLabel')}>
              {preview.length > PREVIEW_CHARS ? `${preview.slice(0, PREVIEW_CHARS)}…` : preview}
            </span>
          </span>
        )}
      </div>

      <div className="drawer-tabs" role="group" aria-label={t('publish.options')}>
        {tab(
          'properties',
          propertyCount > 0
            ? t('publish.tab.propertiesCount', { count: propertyCount })
            : t('publish.tab.properties'),
        )}
        {tab(
          'repeat',
          repeat.progress?.state === 'running' ? t('publish.tab.repeatRunning') : t('publish.tab.repeat'),
        )}
        {tab('presets', t('publish.tab.presets'))}
        {tab(
          'history',
          historyCount > 0
            ? t('publish.tab.historyCount', { count: historyCount })
            : t('publish.tab.history'),
        )}
      </div>
      {drawer === 'properties' && (
        <PropertiesSection
          id={ids.drawer}
          value={draft.properties}
          onChange={(properties) => patch({ properties })}
          enabled={v5}
          problem={shown?.field === 'properties' ? shown.message : null}
        />
      )}
      {drawer === 'repeat' && (
        <RepeatSection id={ids.drawer} repeat={repeat} onStart={startRepeat} disabled={!connected} />
      )}
      {drawer === 'presets' && (
        <PresetsSection
          id={ids.drawer}
          broker={broker}
          current={() => toPublishDraft(draftStore.getSnapshot())}
          onLoad={loadPreset}
        />
      )}
      {drawer === 'history' && (
        <HistorySection
          id={ids.drawer}
          entries={history.entries}
          onClear={history.clear}
          onResend={resend}
          onEdit={(entry) => {
            draftStore.replace(entry.draft);
            setRefusal(null);
            editor.current?.focus();
          }}
        />
      )}
      <TopicSchemasDialog
        open={schemasOpen}
        onClose={() => setSchemasOpen(false)}
        suggestedPattern={draft.topic}
      />
    </section>
  );
}
