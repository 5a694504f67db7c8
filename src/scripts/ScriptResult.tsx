import { useTranslation } from 'react-i18next';
import type { ScriptError, TransformResult } from '../../electron/contract';
import { JsonTree } from '../inspector/JsonTree';
import { TextLines } from '../inspector/TextLines';
import { formatNumber } from '../i18n/format';

/** A script's error in one sentence: which limit stopped it, and where. */
export function useScriptErrorText(): (error: ScriptError) => string {
  const { t } = useTranslation();
  return (error) => {
    const message = error.limit
      ? t(`scripts.limit.${error.limit}`, { message: error.message })
      : error.message;
    return error.line !== undefined
      ? t('scripts.transform.errorAt', { line: formatNumber(error.line), message })
      : t('scripts.transform.error', { message });
  };
}

/** A transform's value for one message (pretty JSON, or a tree for objects), or its error with the line. */
export function ScriptResult({ result, tree = false }: { result: TransformResult; tree?: boolean }) {
  const { t } = useTranslation();
  const errorText = useScriptErrorText();
  if (!result.ok) {
    return (
      <p className="field-problem script-result-error" role="alert">
        {errorText(result.error)}
      </p>
    );
  }
  if (result.value === null) return <p className="muted">{t('scripts.transform.undefined')}</p>;
  if (tree && typeof result.value === 'object') return <JsonTree value={result.value} />;
  return (
    <div className="script-result-text">
      <TextLines text={JSON.stringify(result.value, null, 2)} label={t('scripts.transform.result')} />
    </div>
  );
}
