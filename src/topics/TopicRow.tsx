import { useTranslation } from 'react-i18next';
import { RATE_WINDOW_S, windowCount } from '../../electron/contract';
import { formatNumber, formatRate } from '../i18n/format';
import { useDecodedPreview } from '../messages/decoded-previews';
import { previewText } from '../messages/format';
import type { TreeNode } from './topic-store';

/** A node counts as active this long after its last update. */
const ACTIVITY_MS = 1000;

interface Props {
  node: TreeNode;
  domId: string;
  expanded: boolean;
  selected: boolean;
  focused: boolean;
  now: number;
  onClick(node: TreeNode): void;
  onToggle(node: TreeNode): void;
}

/** One topic level: name, retained marker, last value, rate and count. */
export function TopicRow({ node, domId, expanded, selected, focused, now, onClick, onToggle }: Props) {
  const { t } = useTranslation();
  const state = node.state;
  const hasChildren = node.children.length > 0;
  const inWindow = windowCount(state?.recent, now);
  const active = now - node.touchedAt < ACTIVITY_MS;
  const last = state?.last;
  const decoded = useDecodedPreview(last);
  const className = ['topic-row', focused && 'focused', active && 'active'].filter(Boolean).join(' ');

  return (
    <div
      id={domId}
      role="treeitem"
      aria-level={node.depth + 1}
      aria-expanded={hasChildren ? expanded : undefined}
      aria-selected={selected}
      className={className}
      style={{ paddingLeft: 6 + node.depth * 14 }}
      onClick={() => onClick(node)}
    >
      <span
        className="topic-twisty"
        aria-hidden="true"
        onClick={(event) => {
          event.stopPropagation();
          if (hasChildren) onToggle(node);
        }}
      >
        {hasChildren ? (expanded ? '▾' : '▸') : ''}
      </span>
      <span className="topic-name" title={node.path}>
        {node.name === '' ? <em className="muted">{t('common.empty')}</em> : node.name}
      </span>
      {state?.retained && (
        <span className="topic-retained" title={t('topics.row.retained')}>
          R
        </span>
      )}
      <span className="topic-value">{last ? (decoded ?? previewText(last)) : ''}</span>
      <span className="topic-rate" title={t('data.rate.title', { seconds: RATE_WINDOW_S })}>
        {inWindow === 0 ? '' : inWindow === 1 ? t('data.rate.one') : formatRate(inWindow / RATE_WINDOW_S)}
      </span>
      <span
        className="topic-count"
        title={t('topics.row.count', { own: state?.messages ?? 0, total: state?.total ?? 0 })}
      >
        {formatNumber(state?.total ?? 0)}
      </span>
    </div>
  );
}
