import { useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CODEC_IDS,
  topicFilterProblem,
  type CodecBinding,
  type CodecId,
  type ProtoFileEntry,
} from '../../electron/contract';
import { engineText } from '../i18n/engine-text';
import { CODEC_NAMES } from './codec-names';

/** A topic filter's problem in the page's language, or null. */
function filterProblem(pattern: string): string | null {
  const problem = topicFilterProblem(pattern);
  return problem ? engineText(problem) : null;
}

interface Props {
  bindings: CodecBinding[];
  protoFiles: ProtoFileEntry[];
  suggestedPattern: string;
  onChange(next: { bindings?: CodecBinding[]; protoFiles?: ProtoFileEntry[] }): void;
}

/** Codec bindings (first match wins) and the `.proto` files Protobuf bindings use. */
export function CodecBindingsEditor({ bindings, protoFiles, suggestedPattern, onChange }: Props) {
  const { t } = useTranslation();
  const fileInput = useRef<HTMLInputElement>(null);
  const fileId = useId();
  const update = (i: number, change: Partial<CodecBinding>) =>
    onChange({ bindings: bindings.map((b, k) => (k === i ? { ...b, ...change } : b)) });

  const addFiles = async (files: FileList | null) => {
    if (!files) return;
    const added: ProtoFileEntry[] = [];
    for (const file of Array.from(files)) added.push({ name: file.name, text: await file.text() });
    const names = new Set(added.map((f) => f.name));
    onChange({ protoFiles: [...protoFiles.filter((f) => !names.has(f.name)), ...added] });
  };

  return (
    <section className="codec-bindings" aria-label={t('codecs.formats.bindings')}>
      <h3 className="section-title">{t('codecs.formats.bindings')}</h3>
      <p className="publish-hint">{t('codecs.formats.bindingsHint')}</p>
      <ul className="codec-binding-list">
        {bindings.map((binding, i) => (
          <li key={i} className="codec-binding">
            <input
              className="mono"
              aria-label={t('codecs.formats.pattern')}
              value={binding.pattern}
              onChange={(e) => update(i, { pattern: e.target.value })}
            />
            <select
              aria-label={t('codecs.formats.codec')}
              value={binding.codec}
              onChange={(e) => update(i, { codec: e.target.value as CodecId })}
            >
              {CODEC_IDS.map((id) => (
                <option key={id} value={id}>
                  {CODEC_NAMES[id]}
                </option>
              ))}
            </select>
            {binding.codec === 'protobuf' && (
              <input
                className="mono"
                aria-label={t('codecs.messageType')}
                placeholder={t('codecs.messageTypePlaceholder')}
                value={binding.messageType ?? ''}
                onChange={(e) => update(i, { messageType: e.target.value })}
              />
            )}
            <button
              type="button"
              className="button-small"
              onClick={() => onChange({ bindings: bindings.filter((_, k) => k !== i) })}
            >
              {t('codecs.formats.remove')}
            </button>
            {filterProblem(binding.pattern) && (
              <span className="field-problem">{filterProblem(binding.pattern)}</span>
            )}
          </li>
        ))}
      </ul>
      <button
        type="button"
        className="button-small"
        onClick={() =>
          onChange({
            bindings: [...bindings, { pattern: suggestedPattern || 'spBv1.0/#', codec: 'sparkplugb' }],
          })
        }
      >
        {t('codecs.formats.addBinding')}
      </button>
      <h3 className="section-title">{t('codecs.formats.protoFiles')}</h3>
      <p className="publish-hint">{t('codecs.formats.protoHint')}</p>
      <ul className="codec-proto-list">
        {protoFiles.map((file) => (
          <li key={file.name}>
            <span className="mono">{file.name}</span>{' '}
            <button
              type="button"
              className="button-small"
              onClick={() => onChange({ protoFiles: protoFiles.filter((f) => f.name !== file.name) })}
            >
              {t('codecs.formats.remove')}
            </button>
          </li>
        ))}
      </ul>
      <input
        ref={fileInput}
        id={fileId}
        type="file"
        accept=".proto"
        multiple
        hidden
        onChange={(e) => void addFiles(e.target.files)}
      />
      <button type="button" className="button-small" onClick={() => fileInput.current?.click()}>
        {t('codecs.formats.addProto')}
      </button>
    </section>
  );
}
