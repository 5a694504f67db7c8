import type { TreeNode } from './topic-store';

export type TopicSort = 'name' | 'count' | 'recent';

const collator = new Intl.Collator(undefined, { numeric: true });

const compareNames = (a: TreeNode, b: TreeNode) => collator.compare(a.name, b.name);

function byName(node: TreeNode): TreeNode[] {
  if (!node.byName) node.byName = node.children.slice().sort(compareNames);
  return node.byName;
}

/**
 * The children in name order. While filtering, a node not yet sorted has only its shown
 * children sorted: a filter matching 11 of 100,000 siblings then sorts 11, not 100,000
 * (issue 18 #3, the first filter after 100k topics arrived). The full order is cached as before.
 */
function byNameShown(node: TreeNode, visible: Uint8Array | null): TreeNode[] {
  if (node.byName || !visible) return byName(node);
  return node.children.filter((child) => visible[child.id] === 1).sort(compareNames);
}

function sortedChildren(node: TreeNode, sort: TopicSort, visible: Uint8Array | null): readonly TreeNode[] {
  const named = byNameShown(node, visible);
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
    for (const child of sortedChildren(node, options.sort, visible)) {
      if (visible && visible[child.id] !== 1) continue;
      rows.push(child);
      if (child.children.length > 0 && options.isExpanded(child)) walk(child);
    }
  };
  walk(root);
  return rows;
}
