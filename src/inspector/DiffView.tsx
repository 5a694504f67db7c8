import { diff } from 'jsondiffpatch';
import { format, type Op } from 'jsondiffpatch/formatters/jsonpatch';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { decodeUtf8, parseJson } from './decode';

interface Props {
  current: Uint8Array;
  previous: Uint8Array | undefined;
  /** Both payloads decoded by their codec (see DecodedDiff): compared instead of their text. */
  decoded?: { current: unknown; previous: unknown } | undefined;
}

const show = (value: unknown) => JSON.stringify(value) ?? 'undefined';

/** What changed in this JSON payload since the previous one on the same topic (jsondiffpatch). */
export function DiffView({ current, previous, decoded }: Props) {
  const { t } = useTranslation();
  const both = decoded !== undefined;
  const decodedBefore = decoded?.previous;
  const decodedNow = decoded?.current;
  const result = useMemo((): { ops: Op[] } | { problem: string } => {
    if (!previous) return { problem: t('inspector.diff.noPrevious') };
    if (both) {
      const delta = diff(decodedBefore, decodedNow);
      return { ops: delta === undefined ? [] : format(delta) };
    }
    const a = parseJson(decodeUtf8(previous).text);
    const b = parseJson(decodeUtf8(current).text);
    if (!b.ok) return { problem: t('inspector.diff.notJson') };
    if (!a.ok) return { problem: t('inspector.diff.previousNotJson') };
    const delta = diff(a.value, b.value);
    return { ops: delta === undefined ? [] : format(delta) };
  }, [current, previous, both, decodedBefore, decodedNow, t]);

  if ('problem' in result) return <p className="muted inspector-note">{result.problem}</p>;
  if (result.ops.length === 0) return <p className="muted inspector-note">{t('inspector.diff.same')}</p>;
  return (
    <table className="diff-table" aria-label={t('inspector.diff.label')}>
      <thead>
        <tr>
          <th>{t('inspector.diff.change')}</th>
          <th>{t('inspector.diff.path')}</th>
          <th>{t('inspector.diff.value')}</th>
        </tr>
      </thead>
      <tbody>
        {result.ops.map((op, i) => (
          <tr key={i} className={`diff-${op.op}`}>
            <td>{op.op}</td>
            <td className="mono">{op.path}</td>
            <td className="mono">
              {op.op === 'remove'
                ? ''
                : op.op === 'move'
                  ? t('inspector.diff.from', { from: op.from })
                  : show(op.value)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
