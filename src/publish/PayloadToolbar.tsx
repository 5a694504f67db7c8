import { useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { TopicSchema } from '../../electron/contract';
import { encodePayload, TEMPLATE_VARIABLES } from '../../electron/contract';
import { engineText } from '../i18n/engine-text';
import { formatBytes } from '../i18n/format';
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

export function PayloadToolbar({ draft, schema, size, onPatch, onProblem, onInsert, onOpenSchemas }: Props) {
  const { t } = useTranslation();
  const ids = { format: useId(), variable: useId(), file: useId() };
  const fileInput = useRef<HTMLInputElement>(null);

  const reshape = (how: 'format' | 'minify') => {
    const checked = encodePayload({ format: 'json', text: draft.text });
    if (!checked.ok)
      return onProblem(
        t(how === 'format' ? 'publish.toolbar.fixBeforeFormat' : 'publish.toolbar.fixBeforeMinify', {
          message: engineText(checked.problem),
        }),
      );
    onProblem(null);
    onPatch({ text: how === 'format' ? formatJson(draft.text) : minifyJson(draft.text) });
  };

  const pickFile = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > MAX_FILE_BYTES)
      return onProblem(t('publish.toolbar.tooLarge', { name: file.name, max: formatBytes(MAX_FILE_BYTES) }));
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      onPatch({ file: { name: file.name, bytes } });
      onProblem(null);
    } catch (error) {
      onProblem(
        t('publish.toolbar.cannotRead', {
          name: file.name,
          message: error instanceof Error ? error.message : String(error),
        }),
      );
    }
  };

  return (
    <div className="payload-toolbar">
      <span className="publish-label">{t('publish.toolbar.payload')}</span>
      <label htmlFor={ids.format}>{t('publish.toolbar.format')}</label>
      <select
        id={ids.format}
        value={draft.format}
        onChange={(e) => onPatch({ format: e.target.value as EditorFormat })}
      >
        {EDITOR_FORMATS.map((f) => (
          <option key={f} value={f}>
            {t(`publish.format.${f}`)}
          </option>
        ))}
      </select>
      {draft.format === 'json' && (
        <>
          <button type="button" className="button-small" onClick={() => reshape('format')}>
            {t('publish.toolbar.formatJson')}
          </button>
          <button type="button" className="button-small" onClick={() => reshape('minify')}>
            {t('publish.toolbar.minify')}
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
            {t('publish.toolbar.chooseFile')}
          </button>
          <span className="mono" aria-label={t('publish.toolbar.chosenFile')}>
            {draft.file
              ? `${draft.file.name} · ${formatBytes(draft.file.bytes.length)}`
              : t('publish.toolbar.noFile')}
          </span>
        </>
      ) : (
        <>
          <label htmlFor={ids.variable} className="sr-only">
            {t('publish.toolbar.insertVariable')}
          </label>
          <select
            id={ids.variable}
            value=""
            title={t('publish.toolbar.variableTitle')}
            onChange={(e) => {
              if (e.target.value)
                onInsert(`{{${e.target.value === 'random(min,max)' ? 'random(1,100)' : e.target.value}}}`);
            }}
          >
            <option value="">{t('publish.toolbar.insertVariablePlaceholder')}</option>
            {TEMPLATE_VARIABLES.map((v) => (
              <option key={v} value={v}>{`{{${v}}}`}</option>
            ))}
          </select>
        </>
      )}
      <span className="toolbar-spacer" />
      {draft.format === 'json' && (
        <span className="schema-chip" title={t('publish.toolbar.schemaTitle')}>
          {schema ? (
            <>
              {t('publish.toolbar.schema')} <span className="mono">{schema.pattern}</span>
            </>
          ) : (
            <span className="muted">{t('publish.toolbar.noSchema')}</span>
          )}
        </span>
      )}
      <button type="button" className="button-small" onClick={onOpenSchemas}>
        {t('codecs.formats.open')}
      </button>
      {size !== null && draft.format !== 'file' && (
        <span className="muted payload-size">{formatBytes(size)}</span>
      )}
    </div>
  );
}
