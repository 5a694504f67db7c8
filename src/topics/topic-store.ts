import type { TopicNodeState } from '../../electron/contract';
import type { ReadableStore } from '../api/store';

/** One level of the renderer's topic tree. Mutable on purpose: 100k nodes, updated in place. */
export interface TreeNode {
  /** Dense, in creation order: the filter worker's index for this node. */
  id: number;
  path: string;
  /** The last level of the path ("" for an empty level, as in "a//b"). */
  name: string;
  depth: number;
  parent: TreeNode | null;
  children: TreeNode[];
  childByName: Map<string, TreeNode>;
  /** Children sorted by name, rebuilt only after a child was added. */
  byName: TreeNode[] | null;
  state: TopicNodeState | null;
  /** Date.now() of the last update, for the activity highlight. */
  touchedAt: number;
}

export interface TopicSnapshot {
  version: number;
  /** Bumps only when nodes were added: filters need re-running then, not on every count. */
  structure: number;
  nodeCount: number;
  /** Date.now() of the last update of any node (0 before the first). */
  touchedAt: number;
}

function makeNode(id: number, path: string, name: string, parent: TreeNode | null): TreeNode {
  return {
    id,
    path,
    name,
    depth: parent ? parent.depth + 1 : -1,
    parent,
    children: [],
    childByName: new Map(),
    byName: null,
    state: null,
    touchedAt: 0,
  };
}

/**
 * The topic tree as the engine's index reports it, node by node. Updates are applied in
 * place and announced once per poll; React reads a small snapshot and walks the nodes it
 * draws. New nodes are also handed to listeners (the filter worker) as they appear.
 */
export class TopicStore implements ReadableStore<TopicSnapshot> {
  root = makeNode(-1, '', '', null);
  private byPath = new Map<string, TreeNode>();
  private nodes: TreeNode[] = [];
  private snapshot: TopicSnapshot = { version: 0, structure: 0, nodeCount: 0, touchedAt: 0 };
  private readonly listeners = new Set<() => void>();
  private readonly addedListeners = new Set<(added: readonly TreeNode[], reset: boolean) => void>();

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): TopicSnapshot => this.snapshot;

  /** Called with each batch of new nodes (and once with reset=true when the tree is emptied). */
  onNodesAdded(listener: (added: readonly TreeNode[], reset: boolean) => void): () => void {
    this.addedListeners.add(listener);
    return () => this.addedListeners.delete(listener);
  }

  /** Topics that received messages (not bare parent levels), most recently updated first. */
  seenTopics(limit: number): string[] {
    return this.nodes
      .filter((n) => (n.state?.messages ?? 0) > 0)
      .sort((a, b) => b.touchedAt - a.touchedAt)
      .slice(0, limit)
      .map((n) => n.path);
  }

  node(id: number): TreeNode | undefined {
    return this.nodes[id];
  }

  find(path: string): TreeNode | undefined {
    return this.byPath.get(path);
  }

  get size(): number {
    return this.nodes.length;
  }

  reset(): void {
    this.root = makeNode(-1, '', '', null);
    this.byPath = new Map();
    this.nodes = [];
    for (const listener of this.addedListeners) listener([], true);
    this.publish(true, 0);
  }

  apply(states: readonly TopicNodeState[]): void {
    if (states.length === 0) return;
    const added: TreeNode[] = [];
    const now = Date.now();
    for (const state of states) {
      const node = this.byPath.get(state.path) ?? this.create(state.path, added);
      node.state = state;
      node.touchedAt = now;
    }
    if (added.length > 0) for (const listener of this.addedListeners) listener(added, false);
    this.publish(added.length > 0, now);
  }

  private create(path: string, added: TreeNode[]): TreeNode {
    const slash = path.lastIndexOf('/');
    const parent =
      slash === -1
        ? this.root
        : (this.byPath.get(path.slice(0, slash)) ?? this.create(path.slice(0, slash), added));
    const name = slash === -1 ? path : path.slice(slash + 1);
    const node = makeNode(this.nodes.length, path, name, parent);
    this.nodes.push(node);
    this.byPath.set(path, node);
    parent.children.push(node);
    parent.childByName.set(name, node);
    parent.byName = null;
    added.push(node);
    return node;
  }

  private publish(structural: boolean, touchedAt: number): void {
    this.snapshot = {
      version: this.snapshot.version + 1,
      structure: this.snapshot.structure + (structural ? 1 : 0),
      nodeCount: this.nodes.length,
      touchedAt,
    };
    for (const listener of this.listeners) listener();
  }
}

export const topicStore = new TopicStore();
