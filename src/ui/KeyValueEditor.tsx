import { useTranslation } from 'react-i18next';
import { i18n } from '../i18n';
import type { KeyValueRow } from '../connections/connect-form-values';

interface Props {
  /** The visible caption of the whole group ("User properties"). */
  label: string;
  /** What one row is, for labels and the add button ("User property", "Header"). */
  noun: string;
  rows: readonly KeyValueRow[];
  onChange: (rows: KeyValueRow[]) => void;
  problem?: string | undefined;
  problemId: string;
  disabled?: boolean;
  keyPlaceholder?: string;
}

/**
 * Ordered name/value rows (MQTT user properties, WebSocket headers). Order is kept and a
 * name may repeat, because MQTT allows both.
 */
export function KeyValueEditor({
  label,
  noun,
  rows,
  onChange,
  problem,
  problemId,
  disabled,
  keyPlaceholder = i18n.t('ui.kv.namePlaceholder'),
}: Props) {
  const { t } = useTranslation();
  const update = (index: number, change: Partial<KeyValueRow>) =>
    onChange(rows.map((row, i) => (i === index ? { ...row, ...change } : row)));
  return (
    <div className="kv-editor" role="group" aria-label={label}>
      <span className="kv-caption">{label}</span>
      {rows.length > 0 && (
        <div className="kv-head" aria-hidden="true">
          <span>{t('ui.kv.name')}</span>
          <span>{t('ui.kv.value')}</span>
        </div>
      )}
      {rows.map((row, index) => (
        <div className="kv-row" key={index}>
          <input
            className="mono"
            aria-label={t('ui.kv.rowName', { noun, n: index + 1 })}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? problemId : undefined}
            value={row.key}
            placeholder={keyPlaceholder}
            spellCheck={false}
            autoComplete="off"
            disabled={disabled}
            onChange={(e) => update(index, { key: e.target.value })}
          />
          <input
            className="mono"
            aria-label={t('ui.kv.rowValue', { noun, n: index + 1 })}
            value={row.value}
            placeholder={t('ui.kv.valuePlaceholder')}
            spellCheck={false}
            autoComplete="off"
            disabled={disabled}
            onChange={(e) => update(index, { value: e.target.value })}
          />
          <button
            type="button"
            className="icon-button"
            aria-label={t('ui.kv.remove', { noun: noun.toLowerCase(), n: index + 1 })}
            title={t('ui.kv.removeTitle')}
            disabled={disabled}
            onClick={() => onChange(rows.filter((_, i) => i !== index))}
          >
            ×
          </button>
        </div>
      ))}
      <button
        type="button"
        className="button-small kv-add"
        disabled={disabled}
        onClick={() => onChange([...rows, { key: '', value: '' }])}
      >
        {t('ui.kv.add', { noun })}
      </button>
      {problem && (
        <span id={problemId} className="field-problem">
          {problem}
        </span>
      )}
    </div>
  );
}
