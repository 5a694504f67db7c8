import { useTranslation } from 'react-i18next';
import type { PemField } from '../connections/connect-form-values';
import { invalidProps } from './field';

interface Props {
  id: string;
  label: string;
  value: PemField;
  onChange: (value: PemField) => void;
  problem?: string | undefined;
  disabled?: boolean;
  /** Replaces the PEM hint, e.g. to say a pasted key is saved. */
  placeholder?: string | undefined;
}

/** A certificate or key: pasted PEM, or the path of a file the host reads when connecting. */
export function PemInput({ id, label, value, onChange, problem, disabled, placeholder }: Props) {
  const { t } = useTranslation();
  const pasted = value.mode === 'pem';
  return (
    <div className="field pem-field">
      <div className="pem-head">
        <label htmlFor={id}>{label}</label>
        <div className="segmented" role="radiogroup" aria-label={t('ui.pem.source', { label })}>
          {(['pem', 'file'] as const).map((mode) => (
            <label key={mode} className={value.mode === mode ? 'is-selected' : undefined}>
              <input
                type="radio"
                name={`${id}-mode`}
                checked={value.mode === mode}
                disabled={disabled}
                // The text stays: switching by mistake must not lose a pasted certificate.
                onChange={() => onChange({ mode, text: value.text })}
              />
              {mode === 'pem' ? t('ui.pem.paste') : t('ui.pem.file')}
            </label>
          ))}
        </div>
      </div>
      {pasted ? (
        <textarea
          {...invalidProps(id, problem)}
          className="mono pem-text"
          rows={2}
          value={value.text}
          placeholder={placeholder ?? t('ui.pem.placeholder')}
          spellCheck={false}
          disabled={disabled}
          onChange={(e) => onChange({ mode: 'pem', text: e.target.value })}
        />
      ) : (
        <input
          {...invalidProps(id, problem)}
          className="mono"
          value={value.text}
          placeholder={t('ui.pem.pathPlaceholder')}
          spellCheck={false}
          autoComplete="off"
          disabled={disabled}
          onChange={(e) => onChange({ mode: 'file', text: e.target.value })}
        />
      )}
      {problem && (
        <span id={`${id}-problem`} className="field-problem">
          {problem}
        </span>
      )}
    </div>
  );
}
