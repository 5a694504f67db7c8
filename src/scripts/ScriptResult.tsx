import { useTranslation } from 'react-i18next';
import type { ChartSeries, ScriptError, TransformResult } from '../../electron/contract';
import { chartLeaf } from '../charts/ChartField';
import { ChartThis } from '../charts/ChartThis';
import { JsonTree } from '../inspector/JsonTree';
import { TextLines } from '../inspector/TextLines';
import { formatNumber } from '../i18n/format';
import { engineText } from '../i18n/engine-text';

/** A script's error in one sentence: which limit stopped it, and where. */
export function useScriptErrorText(): (error: ScriptError) => string {
  const { t } = useTranslation();
  return (error) => {
    // The engine's own errors come keyed; the script's own ones in QuickJS's words.
    const words = error.text ? engineText(error.text) : error.message;
    const message = error.limit ? t(`scripts.limit.${error.limit}`, { message: words }) : words;
    return error.line !== undefined
      ? t('scripts.transform.errorAt', { line: formatNumber(error.line), message })
      : t('scripts.transform.error', { message });
  };
}

/** What charting a saved transform's value needs: the message's topic and the script. */
export interface TransformChart {
  topic: string;
  transform: NonNullable<ChartSeries['transform']>;
  /** The transform's topic pattern: its value can be charted over every matching topic too. */
  pattern?: string;
}

/**
 * A transform's value for one message (pretty JSON, or a tree for objects), or its error with
 * the line. With `chart`, a number (or a numeric field) of it can be charted over the topic.
 */
export function ScriptResult({
  result,
  tree = false,
  chart,
}: {
  result: TransformResult;
  tree?: boolean;
  chart?: TransformChart | undefined;
}) {
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
  const chartThis = chart && (
    <div className="script-result-chart">
      <ChartThis
        topic={chart.topic}
        text={JSON.stringify(result.value)}
        json={result.value}
        transform={chart.transform}
        // Every topic as one line is seldom what anyone wants: no button for "#".
        filter={chart.pattern === '#' ? undefined : chart.pattern}
      />
    </div>
  );
  if (tree && typeof result.value === 'object') {
    return (
      <>
        {chartThis}
        <JsonTree value={result.value} leafAction={chart && chartLeaf(chart.topic, chart.transform)} />
      </>
    );
  }
  return (
    <>
      {chartThis}
      <div className="script-result-text">
        <TextLines text={JSON.stringify(result.value, null, 2)} label={t('scripts.transform.result')} />
      </div>
    </>
  );
}
