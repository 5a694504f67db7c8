import { useId } from 'react';
import { useTranslation } from 'react-i18next';
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
  const { t } = useTranslation();
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
    <div id={id} className="publish-drawer" role="group" aria-label={t('publish.tab.properties')}>
      {!enabled && <p className="publish-hint">{t('publish.props.v3')}</p>}
      <fieldset className="props-grid" disabled={!enabled}>
        <label htmlFor={ids.contentType}>{t('inspector.props.contentType')}</label>
        <input
          id={ids.contentType}
          className="mono"
          value={value.contentType}
          placeholder={t('publish.props.contentTypePlaceholder')}
          onChange={(e) => set({ contentType: e.target.value })}
        />
        <label htmlFor={ids.indicator}>{t('publish.props.indicator')}</label>
        <select
          id={ids.indicator}
          value={value.payloadFormatIndicator}
          onChange={(e) =>
            set({ payloadFormatIndicator: e.target.value as DraftProperties['payloadFormatIndicator'] })
          }
        >
          <option value="unset">{t('publish.props.notSent')}</option>
          <option value="utf8">{t('publish.props.utf8')}</option>
          <option value="bytes">{t('publish.props.bytes')}</option>
        </select>
        <label htmlFor={ids.expiry}>{t('connections.will.expiry')}</label>
        <input
          id={ids.expiry}
          className="mono props-number"
          inputMode="numeric"
          value={value.messageExpiryInterval}
          placeholder={t('connections.will.none')}
          onChange={(e) => set({ messageExpiryInterval: e.target.value })}
        />
        <label htmlFor={ids.alias}>{t('inspector.props.topicAlias')}</label>
        <input
          id={ids.alias}
          className="mono props-number"
          inputMode="numeric"
          value={value.topicAlias}
          placeholder={t('connections.will.none')}
          onChange={(e) => set({ topicAlias: e.target.value })}
        />
        <label htmlFor={ids.response}>{t('inspector.props.responseTopic')}</label>
        <input
          id={ids.response}
          className="mono"
          value={value.responseTopic}
          placeholder={t('publish.props.responsePlaceholder')}
          onChange={(e) => set({ responseTopic: e.target.value })}
        />
        <label htmlFor={ids.correlation}>{t('publish.props.correlation')}</label>
        <span className="props-pair">
          <input
            id={ids.correlation}
            className="mono"
            value={value.correlationData}
            placeholder={
              value.correlationFormat === 'hex'
                ? t('publish.props.correlationHex')
                : t('publish.props.correlationText')
            }
            onChange={(e) => set({ correlationData: e.target.value })}
          />
          <select
            id={ids.correlationFormat}
            aria-label={t('publish.props.correlationFormat')}
            value={value.correlationFormat}
            onChange={(e) => set({ correlationFormat: e.target.value === 'hex' ? 'hex' : 'text' })}
          >
            <option value="text">{t('format.payload.text')}</option>
            <option value="hex">{t('format.payload.hex')}</option>
          </select>
        </span>
      </fieldset>
      <fieldset className="user-props" disabled={!enabled}>
        <legend>{t('connections.mqtt5.userProperties')}</legend>
        {rows.map((row, index) => (
          <div className="user-prop-row" key={index}>
            <input
              className="mono"
              aria-label={t('ui.kv.rowName', { noun: t('connections.mqtt5.userProperty'), n: index + 1 })}
              placeholder={t('ui.kv.namePlaceholder')}
              value={row.key}
              onChange={(e) => setRow(index, { key: e.target.value })}
            />
            <input
              className="mono"
              aria-label={t('ui.kv.rowValue', { noun: t('connections.mqtt5.userProperty'), n: index + 1 })}
              placeholder={t('ui.kv.valuePlaceholder')}
              value={row.value}
              onChange={(e) => setRow(index, { value: e.target.value })}
            />
            <button
              type="button"
              className="button-quiet"
              aria-label={t('ui.kv.remove', {
                noun: t('connections.mqtt5.userProperty').toLowerCase(),
                n: index + 1,
              })}
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
          {t('publish.props.addUserProperty')}
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
