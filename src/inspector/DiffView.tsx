import { diff } from 'jsondiffpatch';
import { format, type Op } from 'jsondiffpatch/formatters/jsonpatch';
import { useMemo } from 'react';
import { decodeUtf8, parseJson } from './decode';

interface Props {
  current: Uint8Array;
  previous: Uint8Array | undefined;
}

const show = (value: unknown) => JSON.stringify(value) ?? 'undefined';

/** What changed in this JSON payload since the previous one on the same topic (jsondiffpatch). */
export function DiffView({ current, previous }: Props) {
  const result = useMemo((): { ops: Op[] } | { problem: string } => {
    if (!previous) return { problem: 'No earlier message on this topic is kept to compare with.' };
    const a = parseJson(decodeUtf8(previous).text);
    const b = parseJson(decodeUtf8(current).text);
    if (!b.ok) return { problem: 'This payload is not JSON: no diff.' };
    if (!a.ok) return { problem: 'The previous payload on this topic is not JSON: no diff.' };
    const delta = diff(a.value, b.value);
    return { ops: delta === undefined ? [] : format(delta) };
  }, [current, previous]);

  if ('problem' in result) return <p className="muted inspector-note">{result.problem}</p>;
  if (result.ops.length === 0)
    return <p className="muted inspector-note">Same JSON as the previous message.</p>;
  return (
    <table className="diff-table" aria-label="Changes since the previous message">
      <thead>
        <tr>
          <th>Change</th>
          <th>Path</th>
          <th>Value</th>
        </tr>
      </thead>
      <tbody>
        {result.ops.map((op, i) => (
          <tr key={i} className={`diff-${op.op}`}>
            <td>{op.op}</td>
            <td className="mono">{op.path}</td>
            <td className="mono">
              {op.op === 'remove' ? '' : op.op === 'move' ? `from ${op.from}` : show(op.value)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
