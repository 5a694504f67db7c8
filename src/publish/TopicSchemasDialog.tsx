import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CodecBinding, ProtoFileEntry, TopicSchema } from '../../electron/contract';
import { jsonSchemaTextProblem, topicFilterProblem } from '../../electron/contract';
import { engineText } from '../i18n/engine-text';
import { errorText } from '../api/client';
import { CodecBindingsEditor } from '../payload-formats/CodecBindingsEditor';
import { useCurrentProfileId } from '../payload-formats/current-profile';
import { usePayloadFormats, useSavePayloadFormats } from '../payload-formats/payload-format-queries';

/** A topic filter's problem in the page's language, or null. */
function filterProblem(pattern: string): string | null {
  const problem = topicFilterProblem(pattern);
  return problem ? engineText(problem) : null;
}

interface Props {
  open: boolean;
  onClose: () => void;
  /** Prefills a new pattern from the topic being edited. */
  suggestedPattern: string;
}

const STARTER_SCHEMA = `{
  "type": "object",
  "properties": {
    "command": { "enum": ["reboot", "ping", "set"] },
    "value": { "type": "number" }
  },
  "required": ["command"]
}`;

function rowProblem(row: TopicSchema): string | null {
  const topic = topicFilterProblem(row.pattern);
  return topic ? engineText(topic) : jsonSchemaTextProblem(row.schema);
}

/**
 * The profile's payload formats in one dialog: JSON Schemas per topic pattern (the first
 * pattern matching the publish topic gives the payload editor its validation and
 * completion), codec bindings and `.proto` files. Edited here, saved together.
 */
export function TopicSchemasDialog({ open, onClose, suggestedPattern }: Props) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const saved = usePayloadFormats();
  const save = useSavePayloadFormats();
  const profileId = useCurrentProfileId();
  const [rows, setRows] = useState<TopicSchema[]>([]);
  const [bindings, setBindings] = useState<CodecBinding[]>([]);
  const [protoFiles, setProtoFiles] = useState<ProtoFileEntry[]>([]);
  const [selected, setSelected] = useState(0);
  const ids = { pattern: useId(), schema: useId() };

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      setRows(saved.data?.topicSchemas ?? []);
      setBindings(saved.data?.codecBindings ?? []);
      setProtoFiles(saved.data?.protoFiles ?? []);
      setSelected(0);
      save.reset();
      element.showModal();
    } else if (!open && element.open) {
      element.close();
    }
    // Open with the saved list each time; later refetches must not overwrite edits.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  const row = rows[selected];
  const update = (change: Partial<TopicSchema>) =>
    setRows(rows.map((r, i) => (i === selected ? { ...r, ...change } : r)));
  const firstProblem = rows.map(rowProblem).findIndex((p) => p !== null);
  const bindingProblem = bindings.some((b) => topicFilterProblem(b.pattern) !== null);

  return (
    <dialog ref={dialog} className="schema-dialog" aria-label={t('codecs.formats.title')} onClose={onClose}>
      <header className="schema-dialog-head">
        <h2 className="section-title">{t('codecs.formats.title')}</h2>
        <p className="publish-hint">
          {t(profileId ? 'codecs.formats.profileScope' : 'codecs.formats.sharedScope')}
        </p>
        <h3 className="section-title">{t('publish.schemas.title')}</h3>
        <p className="publish-hint">{t('publish.schemas.hint')}</p>
      </header>
      <div className="schema-dialog-body">
        <ul className="schema-list" aria-label={t('publish.schemas.patterns')}>
          {rows.map((r, i) => (
            <li key={i}>
              <button
                type="button"
                className={i === selected ? 'schema-item is-selected' : 'schema-item'}
                aria-current={i === selected}
                onClick={() => setSelected(i)}
              >
                <span className="mono">{r.pattern || t('publish.schemas.noPattern')}</span>
                {rowProblem(r) && <span className="schema-bad">!</span>}
              </button>
            </li>
          ))}
          <li>
            <button
              type="button"
              className="button-small"
              onClick={() => {
                setRows([...rows, { pattern: suggestedPattern || 'devices/+/cmd', schema: STARTER_SCHEMA }]);
                setSelected(rows.length);
              }}
            >
              {t('publish.schemas.add')}
            </button>
          </li>
        </ul>
        {row ? (
          <div className="schema-editor">
            <label htmlFor={ids.pattern}>{t('publish.schemas.pattern')}</label>
            <input
              id={ids.pattern}
              className="mono"
              value={row.pattern}
              onChange={(e) => update({ pattern: e.target.value })}
            />
            {filterProblem(row.pattern) && (
              <span className="field-problem">{filterProblem(row.pattern)}</span>
            )}
            <label htmlFor={ids.schema}>{t('publish.schemas.schema')}</label>
            <textarea
              id={ids.schema}
              className="mono schema-text"
              spellCheck={false}
              value={row.schema}
              onChange={(e) => update({ schema: e.target.value })}
            />
            {jsonSchemaTextProblem(row.schema) && (
              <span className="field-problem">{jsonSchemaTextProblem(row.schema)}</span>
            )}
            <button
              type="button"
              className="button-small"
              onClick={() => {
                setRows(rows.filter((_, i) => i !== selected));
                setSelected(Math.max(0, selected - 1));
              }}
            >
              {t('publish.schemas.remove')}
            </button>
          </div>
        ) : (
          <p className="publish-hint schema-editor">{t('publish.schemas.none')}</p>
        )}
      </div>
      <CodecBindingsEditor
        bindings={bindings}
        protoFiles={protoFiles}
        suggestedPattern={suggestedPattern}
        onChange={(next) => {
          if (next.bindings) setBindings(next.bindings);
          if (next.protoFiles) setProtoFiles(next.protoFiles);
        }}
      />
      <footer className="schema-dialog-foot">
        {save.isError && <span className="field-problem">{errorText(save.error)}</span>}
        {firstProblem !== -1 && (
          <span className="field-problem">{t('publish.schemas.fixFirst', { n: firstProblem + 1 })}</span>
        )}
        <button type="button" onClick={onClose}>
          {t('common.cancel')}
        </button>
        <button
          type="button"
          className="button-primary"
          disabled={firstProblem !== -1 || bindingProblem || save.isPending}
          onClick={() =>
            save.mutate(
              {
                topicSchemas: rows,
                codecBindings: bindings.map((b) =>
                  b.codec === 'protobuf' ? b : { pattern: b.pattern, codec: b.codec },
                ),
                protoFiles,
              },
              { onSuccess: onClose },
            )
          }
        >
          {t('publish.schemas.save')}
        </button>
      </footer>
    </dialog>
  );
}
