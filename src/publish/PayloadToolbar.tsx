import { useId, useRef } from 'react';
import type { TopicSchema } from '../../electron/contract';
import { encodePayload, TEMPLATE_VARIABLES } from '../../electron/contract';
import { EDITOR_FORMATS, type EditorDraft, type EditorFormat } from './draft';
import { formatJson, minifyJson } from './json-text';

interface Props {
  draft: EditorDraft;
  schema: TopicSchema | null;
  /** Bytes the payload encodes to, when it does. */
  size: number | null;
  onPatch: (change: Partial<EditorDraft>) => void;
  onProblem: (message: string | null) => void;
  onInsert: (text: string) => void;
  onOpenSchemas: () => void;
}

/** Large files are refused before reading: the broker's packet limit is far below this anyway. */
const MAX_FILE_BYTES = 256 * 1024 * 1024;

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

export function PayloadToolbar({ draft, schema, size, onPatch, onProblem, onInsert, onOpenSchemas }: Props) {
  const ids = { format: useId(), variable: useId(), file: useId() };
  const fileInput = useRef<HTMLInputElement>(null);

  const reshape = (how: 'format' | 'minify') => {
    const checked = encodePayload({ format: 'json', text: draft.text });
    if (!checked.ok)
      return onProblem(
        `Fix the JSON before ${how === 'format' ? 'formatting' : 'minifying'}: ${checked.message}`,
      );
    onProblem(null);
    onPatch({ text: how === 'format' ? formatJson(draft.text) : minifyJson(draft.text) });
  };

  const pickFile = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > MAX_FILE_BYTES)
      return onProblem(`${file.name} is larger than ${formatSize(MAX_FILE_BYTES)}.`);
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      onPatch({ file: { name: file.name, bytes } });
      onProblem(null);
    } catch (error) {
      onProblem(`Could not read ${file.name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  return (
    <div className="payload-toolbar">
      <span className="publish-label">Payload</span>
      <label htmlFor={ids.format}>Format</label>
      <select
        id={ids.format}
        value={draft.format}
        onChange={(e) => onPatch({ format: e.target.value as EditorFormat })}
      >
        {EDITOR_FORMATS.map((f) => (
          <option key={f.value} value={f.value}>
            {f.label}
          </option>
        ))}
      </select>
      {draft.format === 'json' && (
        <>
          <button type="button" className="button-small" onClick={() => reshape('format')}>
            Format JSON
          </button>
          <button type="button" className="button-small" onClick={() => reshape('minify')}>
            Minify
          </button>
        </>
      )}
      {draft.format === 'file' ? (
        <>
          <input
            ref={fileInput}
            id={ids.file}
            type="file"
            className="sr-only"
            onChange={(e) => void pickFile(e.target.files?.[0])}
          />
          <button type="button" className="button-small" onClick={() => fileInput.current?.click()}>
            Choose file…
          </button>
          <span className="mono" aria-label="Chosen file">
            {draft.file ? `${draft.file.name} · ${formatSize(draft.file.bytes.length)}` : 'No file chosen'}
          </span>
        </>
      ) : (
        <>
          <label htmlFor={ids.variable} className="sr-only">
            Insert template variable
          </label>
          <select
            id={ids.variable}
            value=""
            title="Expanded when the message is sent"
            onChange={(e) => {
              if (e.target.value)
                onInsert(`{{${e.target.value === 'random(min,max)' ? 'random(1,100)' : e.target.value}}}`);
            }}
          >
            <option value="">Insert variable…</option>
            {TEMPLATE_VARIABLES.map((v) => (
              <option key={v} value={v}>{`{{${v}}}`}</option>
            ))}
          </select>
        </>
      )}
      <span className="toolbar-spacer" />
      {draft.format === 'json' && (
        <span className="schema-chip" title="JSON Schema for this topic: validation and completion">
          {schema ? (
            <>
              Schema <span className="mono">{schema.pattern}</span>
            </>
          ) : (
            <span className="muted">No schema</span>
          )}
        </span>
      )}
      <button type="button" className="button-small" onClick={onOpenSchemas}>
        Schemas…
      </button>
      {size !== null && draft.format !== 'file' && (
        <span className="muted payload-size">{formatSize(size)}</span>
      )}
    </div>
  );
}
