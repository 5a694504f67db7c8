import { useId } from 'react';
import type { DraftProperties } from '../../electron/contract';

interface Props {
  id: string;
  value: DraftProperties;
  onChange: (next: DraftProperties) => void;
  /** False on a 3.1/3.1.1 connection: the fields stay visible but are not sent. */
  enabled: boolean;
  problem: string | null;
}

/** MQTT 5 publish properties, compact: two rows of fields and user property rows. */
export function PropertiesSection({ id, value, onChange, enabled, problem }: Props) {
  const ids = {
    contentType: useId(),
    indicator: useId(),
    expiry: useId(),
    alias: useId(),
    response: useId(),
    correlation: useId(),
    correlationFormat: useId(),
  };
  const set = (change: Partial<DraftProperties>) => onChange({ ...value, ...change });
  const rows = value.userProperties;
  const setRow = (index: number, change: Partial<{ key: string; value: string }>) =>
    set({ userProperties: rows.map((row, i) => (i === index ? { ...row, ...change } : row)) });

  return (
    <div id={id} className="publish-drawer" role="group" aria-label="MQTT 5 properties">
      {!enabled && (
        <p className="publish-hint">
          This connection speaks MQTT 3.1/3.1.1: properties exist only in MQTT 5 and are not sent.
        </p>
      )}
      <fieldset className="props-grid" disabled={!enabled}>
        <label htmlFor={ids.contentType}>Content type</label>
        <input
          id={ids.contentType}
          className="mono"
          value={value.contentType}
          placeholder="application/json"
          onChange={(e) => set({ contentType: e.target.value })}
        />
        <label htmlFor={ids.indicator}>Format indicator</label>
        <select
          id={ids.indicator}
          value={value.payloadFormatIndicator}
          onChange={(e) =>
            set({ payloadFormatIndicator: e.target.value as DraftProperties['payloadFormatIndicator'] })
          }
        >
          <option value="unset">Not sent</option>
          <option value="utf8">1: UTF-8 text</option>
          <option value="bytes">0: bytes</option>
        </select>
        <label htmlFor={ids.expiry}>Message expiry (s)</label>
        <input
          id={ids.expiry}
          className="mono props-number"
          inputMode="numeric"
          value={value.messageExpiryInterval}
          placeholder="none"
          onChange={(e) => set({ messageExpiryInterval: e.target.value })}
        />
        <label htmlFor={ids.alias}>Topic alias</label>
        <input
          id={ids.alias}
          className="mono props-number"
          inputMode="numeric"
          value={value.topicAlias}
          placeholder="none"
          onChange={(e) => set({ topicAlias: e.target.value })}
        />
        <label htmlFor={ids.response}>Response topic</label>
        <input
          id={ids.response}
          className="mono"
          value={value.responseTopic}
          placeholder="replies/me"
          onChange={(e) => set({ responseTopic: e.target.value })}
        />
        <label htmlFor={ids.correlation}>Correlation data</label>
        <span className="props-pair">
          <input
            id={ids.correlation}
            className="mono"
            value={value.correlationData}
            placeholder={value.correlationFormat === 'hex' ? '0a 1b 2c' : 'request-42'}
            onChange={(e) => set({ correlationData: e.target.value })}
          />
          <select
            id={ids.correlationFormat}
            aria-label="Correlation data format"
            value={value.correlationFormat}
            onChange={(e) => set({ correlationFormat: e.target.value === 'hex' ? 'hex' : 'text' })}
          >
            <option value="text">Text</option>
            <option value="hex">Hex</option>
          </select>
        </span>
      </fieldset>
      <fieldset className="user-props" disabled={!enabled}>
        <legend>User properties</legend>
        {rows.map((row, index) => (
          <div className="user-prop-row" key={index}>
            <input
              className="mono"
              aria-label={`User property ${index + 1} name`}
              placeholder="name"
              value={row.key}
              onChange={(e) => setRow(index, { key: e.target.value })}
            />
            <input
              className="mono"
              aria-label={`User property ${index + 1} value`}
              placeholder="value"
              value={row.value}
              onChange={(e) => setRow(index, { value: e.target.value })}
            />
            <button
              type="button"
              className="button-quiet"
              aria-label={`Remove user property ${index + 1}`}
              onClick={() => set({ userProperties: rows.filter((_, i) => i !== index) })}
            >
              ✕
            </button>
          </div>
        ))}
        <button
          type="button"
          className="button-quiet"
          onClick={() => set({ userProperties: [...rows, { key: '', value: '' }] })}
        >
          + Add user property
        </button>
      </fieldset>
      {problem && (
        <p className="field-problem" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
