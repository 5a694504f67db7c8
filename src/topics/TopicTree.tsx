import { useVirtualizer } from '@tanstack/react-virtual';
import {
  useCallback,
  useId,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type KeyboardEvent,
} from 'react';
import { useTranslation } from 'react-i18next';
import { RATE_WINDOW_S } from '../../electron/contract';
import { formatNumber } from '../i18n/format';
import { useCurrentConnection } from '../connections/connection-queries';
import { selectionStore, useSelection } from '../inspector/selection';
import { listScope } from '../search/list-query';
import { ChartTopic } from '../charts/ChartTopic';
import { DeleteRetained } from './DeleteRetained';
import { flattenTree, type TopicSort } from './flatten';
import { topicFilter } from './topic-filter';
import { topicStore, type TreeNode } from './topic-store';
import { TopicRow } from './TopicRow';
import { useNow } from './use-now';

/** Must match .topic-row's height in topics.css. */
const ROW_HEIGHT = 22;

/** After the last update, rates keep decaying for their window and highlights fade. */
const SETTLE_MS = (RATE_WINDOW_S + 1) * 1000;

/**
 * The live topic tree, windowed: with 100k topics only the rows on screen exist. Keyboard
 * as in any tree view: arrows move, Right/Left expand and collapse (or go to the child or
 * parent), Home/End jump, Enter or Space toggles. Selecting a topic shows its last message.
 */
export function TopicTree() {
  const { t } = useTranslation();
  const snapshot = useSyncExternalStore(topicStore.subscribe, topicStore.getSnapshot);
  const filter = useSyncExternalStore(topicFilter.subscribe, topicFilter.getSnapshot);
  const selection = useSelection();
  // Ticks only while a highlight or a rate window is still settling after the last update.
  const now = useNow(500, snapshot.touchedAt + SETTLE_MS);
  const [sort, setSort] = useState<TopicSort>('name');
  const [expanded, setExpanded] = useState<ReadonlySet<number>>(() => new Set());
  // While filtering, matches show expanded; what the user folds is remembered apart.
  const [foldedWhileFiltering, setFolded] = useState<ReadonlySet<number>>(() => new Set());
  const [focusedId, setFocusedId] = useState<number | null>(null);
  const scrollerRef = useRef<HTMLDivElement | null>(null);
  const baseId = useId();
  const sortId = useId();

  const filtering = filter.active && filter.visible !== null;
  const isExpanded = useCallback(
    (node: TreeNode) => (filtering ? !foldedWhileFiltering.has(node.id) : expanded.has(node.id)),
    [filtering, foldedWhileFiltering, expanded],
  );
  // Rows read their counts from the nodes at render time; only the order needs recomputing.
  // By name it changes when nodes are added; by count or recency, re-sorting on every poll
  // would cost a long task with 100k topics, so twice a second is enough.
  const orderKey = sort === 'name' ? snapshot.structure : `${snapshot.structure}:${now}`;
  const rows = useMemo(
    () =>
      filter.active && filter.visible === null
        ? []
        : flattenTree(topicStore.root, { sort, isExpanded, visible: filtering ? filter.visible : null }),
    // orderKey stands for the tree's mutable nodes, which React cannot see change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [orderKey, sort, isExpanded, filter.visible, filter.active, filtering],
  );

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollerRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });

  const selectedPath = selection?.kind === 'topic' ? selection.path : null;
  const selectedNode = selectedPath === null ? undefined : topicStore.find(selectedPath);
  const { connectionId, status } = useCurrentConnection();
  const focusedIndex = focusedId === null ? -1 : rows.findIndex((n) => n.id === focusedId);

  const toggle = useCallback(
    (node: TreeNode, open?: boolean) => {
      const update = (set: ReadonlySet<number>, add: boolean) => {
        const next = new Set(set);
        if (add) next.add(node.id);
        else next.delete(node.id);
        return next;
      };
      if (filtering) setFolded((set) => update(set, !(open ?? set.has(node.id))));
      else setExpanded((set) => update(set, open ?? !set.has(node.id)));
    },
    [filtering],
  );

  const focusRow = (index: number) => {
    const node = rows[Math.max(0, Math.min(rows.length - 1, index))];
    if (!node) return;
    setFocusedId(node.id);
    selectionStore.set({ kind: 'topic', path: node.path });
    listScope.set(node.path);
    virtualizer.scrollToIndex(rows.indexOf(node));
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const current = focusedIndex === -1 ? null : rows[focusedIndex];
    const key = event.key;
    if (!['ArrowDown', 'ArrowUp', 'ArrowRight', 'ArrowLeft', 'Home', 'End', 'Enter', ' '].includes(key))
      return;
    event.preventDefault();
    if (!current) return focusRow(0);
    if (key === 'ArrowDown') return focusRow(focusedIndex + 1);
    if (key === 'ArrowUp') return focusRow(focusedIndex - 1);
    if (key === 'Home') return focusRow(0);
    if (key === 'End') return focusRow(rows.length - 1);
    const open = current.children.length > 0 && isExpanded(current);
    if (key === 'Enter' || key === ' ') {
      if (current.children.length > 0) toggle(current);
      return;
    }
    if (key === 'ArrowRight') {
      if (current.children.length === 0) return;
      if (!open) toggle(current, true);
      else focusRow(focusedIndex + 1);
      return;
    }
    // ArrowLeft: fold an open node, otherwise go to the parent.
    if (open) toggle(current, false);
    else if (current.parent && current.parent.id >= 0) focusRow(rows.indexOf(current.parent));
  };

  const onRowClick = useCallback((node: TreeNode) => {
    setFocusedId(node.id);
    selectionStore.set({ kind: 'topic', path: node.path });
    // Data #4: the list narrows to this topic and below, until the chip is removed.
    listScope.set(node.path);
  }, []);

  const rowDomId = (node: TreeNode) => `${baseId}-node-${node.id}`;
  const focusedNode = focusedIndex === -1 ? null : rows[focusedIndex];
  const items = virtualizer.getVirtualItems();

  return (
    <section className="topics" aria-labelledby={`${baseId}-title`}>
      <div>
        <div className="toolbar">
          <h2 id={`${baseId}-title`} className="section-title">
            {t('topics.title')}
          </h2>
          <span className="muted">
            {snapshot.nodeCount > 0
              ? t('topics.shown', { count: rows.length, formatted: formatNumber(rows.length) })
              : ''}
          </span>
          <span className="toolbar-spacer" />
          <label htmlFor={sortId} className="muted">
            {t('topics.sort.label')}
          </label>
          <select id={sortId} value={sort} onChange={(e) => setSort(e.target.value as TopicSort)}>
            <option value="name">{t('topics.sort.name')}</option>
            <option value="count">{t('topics.sort.count')}</option>
            <option value="recent">{t('topics.sort.recent')}</option>
          </select>
        </div>
        {selectedNode && (selectedNode.state?.messages ?? 0) > 0 && (
          <div className="topic-actions">
            <ChartTopic key={selectedNode.path} connectionId={connectionId} path={selectedNode.path} />
          </div>
        )}
        {selectedNode && (
          <DeleteRetained
            key={selectedNode.path}
            connectionId={connectionId}
            path={selectedNode.path}
            retainedBelow={selectedNode.state?.retainedBelow ?? 0}
            connected={status?.state === 'connected'}
          />
        )}
      </div>
      <div
        ref={scrollerRef}
        className="topic-scroller"
        role="tree"
        aria-label={t('topics.title')}
        tabIndex={0}
        aria-activedescendant={focusedNode ? rowDomId(focusedNode) : undefined}
        // How many levels the tree holds (shown or not): for tests and the benchmark.
        data-node-count={snapshot.nodeCount}
        onKeyDown={onKeyDown}
        onFocus={() => {
          if (focusedId === null && rows.length > 0) setFocusedId(rows[0]?.id ?? null);
        }}
      >
        <div className="topic-canvas" style={{ height: virtualizer.getTotalSize() }}>
          <div style={{ transform: `translateY(${items[0]?.start ?? 0}px)` }}>
            {items.map((item) => {
              const node = rows[item.index];
              if (!node) return null;
              return (
                <TopicRow
                  key={node.id}
                  node={node}
                  domId={rowDomId(node)}
                  expanded={isExpanded(node)}
                  selected={node.path === selectedPath}
                  focused={node.id === focusedId}
                  now={now}
                  onClick={onRowClick}
                  onToggle={toggle}
                />
              );
            })}
          </div>
        </div>
      </div>
      {rows.length === 0 && (
        <p className="empty-state">
          {filter.active
            ? filter.pending
              ? t('topics.filter.filtering')
              : t('topics.empty.noMatch')
            : t('topics.empty.none')}
        </p>
      )}
    </section>
  );
}
