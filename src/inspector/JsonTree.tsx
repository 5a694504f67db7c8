import { useState, type ReactNode } from 'react';
import { childPath } from '../charts/series-math';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../i18n/format';

/** Children drawn per open node before a "show more" button: huge arrays stay cheap. */
const PAGE = 200;

function preview(value: unknown): string {
  if (Array.isArray(value)) return `[${value.length}]`;
  if (value !== null && typeof value === 'object') return `{${Object.keys(value).length}}`;
  return JSON.stringify(value) ?? String(value);
}

/** Something shown after a leaf's value (the chart button on numbers), by its JSON path. */
export type LeafAction = (path: string, value: unknown) => ReactNode;

interface NodeProps {
  name: string;
  value: unknown;
  depth: number;
  path: string;
  leafAction: LeafAction | undefined;
}

function JsonNode({ name, value, depth, path, leafAction }: NodeProps) {
  const { t } = useTranslation();
  const container = value !== null && typeof value === 'object';
  const [open, setOpen] = useState(depth < 2);
  const [limit, setLimit] = useState(PAGE);
  if (!container) {
    return (
      <li role="treeitem" aria-level={depth + 1} className="json-leaf">
        <span className="json-key">{name}</span>:{' '}
        <span className={`json-${typeof value}`}>{preview(value)}</span>
        {leafAction?.(path, value)}
      </li>
    );
  }
  const entries = Array.isArray(value)
    ? value.map((v, i) => [String(i), v, childPath(path, i)] as const)
    : Object.entries(value).map(([k, v]) => [k, v, childPath(path, k)] as const);
  return (
    <li role="treeitem" aria-level={depth + 1} aria-expanded={open}>
      <button type="button" className="json-toggle" onClick={() => setOpen(!open)}>
        {open ? '▾' : '▸'} <span className="json-key">{name}</span>{' '}
        <span className="muted">{preview(value)}</span>
      </button>
      {open && (
        <ul role="group">
          {entries.slice(0, limit).map(([k, v, p]) => (
            <JsonNode key={k} name={k} value={v} depth={depth + 1} path={p} leafAction={leafAction} />
          ))}
          {entries.length > limit && (
            <li>
              <button type="button" className="button-small" onClick={() => setLimit(limit + PAGE * 5)}>
                {t('inspector.tree.more', {
                  more: formatNumber(Math.min(PAGE * 5, entries.length - limit)),
                  rest: formatNumber(entries.length - limit),
                })}
              </button>
            </li>
          )}
        </ul>
      )}
    </li>
  );
}

/** A collapsible JSON tree; nodes open lazily so a big document renders its top only. */
export function JsonTree({ value, leafAction }: { value: unknown; leafAction?: LeafAction }) {
  const { t } = useTranslation();
  return (
    <ul className="json-tree" role="tree" aria-label={t('inspector.tree.label')}>
      <JsonNode name={t('inspector.tree.root')} value={value} depth={0} path="" leafAction={leafAction} />
    </ul>
  );
}
