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
  keyPlaceholder = 'name',
}: Props) {
  const update = (index: number, change: Partial<KeyValueRow>) =>
    onChange(rows.map((row, i) => (i === index ? { ...row, ...change } : row)));
  return (
    <div className="kv-editor" role="group" aria-label={label}>
      <span className="kv-caption">{label}</span>
      {rows.length > 0 && (
        <div className="kv-head" aria-hidden="true">
          <span>Name</span>
          <span>Value</span>
        </div>
      )}
      {rows.map((row, index) => (
        <div className="kv-row" key={index}>
          <input
            className="mono"
            aria-label={`${noun} ${index + 1} name`}
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
            aria-label={`${noun} ${index + 1} value`}
            value={row.value}
            placeholder="value"
            spellCheck={false}
            autoComplete="off"
            disabled={disabled}
            onChange={(e) => update(index, { value: e.target.value })}
          />
          <button
            type="button"
            className="icon-button"
            aria-label={`Remove ${noun.toLowerCase()} ${index + 1}`}
            title="Remove"
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
        + {noun}
      </button>
      {problem && (
        <span id={problemId} className="field-problem">
          {problem}
        </span>
      )}
    </div>
  );
}
