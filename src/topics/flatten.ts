import type { TreeNode } from './topic-store';

export type TopicSort = 'name' | 'count' | 'recent';

const collator = new Intl.Collator(undefined, { numeric: true });

function byName(node: TreeNode): TreeNode[] {
  if (!node.byName) node.byName = node.children.slice().sort((a, b) => collator.compare(a.name, b.name));
  return node.byName;
}

function sortedChildren(node: TreeNode, sort: TopicSort): readonly TreeNode[] {
  const named = byName(node);
  if (sort === 'name' || named.length < 2) return named;
  // Stable on top of the name order, so equal counts stay alphabetical.
  return sort === 'count'
    ? named.slice().sort((a, b) => (b.state?.total ?? 0) - (a.state?.total ?? 0))
    : named.slice().sort((a, b) => (b.state?.rateAt ?? 0) - (a.state?.rateAt ?? 0));
}

export interface FlattenOptions {
  sort: TopicSort;
  isExpanded(node: TreeNode): boolean;
  /** With a filter: which node ids to show (matches and their ancestors); null shows all. */
  visible: Uint8Array | null;
}

/** The rows a tree view draws: expanded nodes depth-first, only the visible ones. */
export function flattenTree(root: TreeNode, options: FlattenOptions): TreeNode[] {
  const rows: TreeNode[] = [];
  const { visible } = options;
  const walk = (node: TreeNode) => {
    for (const child of sortedChildren(node, options.sort)) {
      if (visible && visible[child.id] !== 1) continue;
      rows.push(child);
      if (child.children.length > 0 && options.isExpanded(child)) walk(child);
    }
  };
  walk(root);
  return rows;
}
