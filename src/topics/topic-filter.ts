import {
  compileTopicMatch,
  type TopicMatchInput,
  type TopicMatchMode,
  type TopicPredicate,
} from '../../electron/contract';
import type { ReadableStore } from '../api/store';
import type { FilterWorkerReply, FilterWorkerRequest } from './filter-protocol';
import { topicStore, type TreeNode } from './topic-store';
import { engineText } from '../i18n/engine-text';

export interface TopicFilterInput {
  text: string;
  mode: TopicMatchMode;
  /** MQTT filters separated by commas or spaces, e.g. "$SYS/#". */
  exclude: string;
}

export interface TopicFilterState {
  input: TopicFilterInput;
  /** False when nothing is filtered: views show everything. */
  active: boolean;
  error: string | null;
  /** Which tree node ids to show (null: all, or the first result is not in yet). */
  visible: Uint8Array | null;
  matched: number;
  /** The worker is still computing the current input. */
  pending: boolean;
  /** The same test on the main thread, for the few topics that arrive after a result. */
  predicate: TopicPredicate | null;
  match: TopicMatchInput;
}

export function toMatch(input: TopicFilterInput): TopicMatchInput {
  return {
    text: input.text.trim(),
    mode: input.mode,
    exclude: input.exclude.split(/[\s,]+/).filter((e) => e !== ''),
  };
}

const initialInput: TopicFilterInput = { text: '', mode: 'substring', exclude: '' };

/**
 * The one topic filter shared by the tree and the message list. The tree's matching runs
 * in a Web Worker over every node path, so typing a filter over 100k topics never blocks
 * the page; the worker answers with a bitmap of node ids to show.
 */
class TopicFilter implements ReadableStore<TopicFilterState> {
  private state: TopicFilterState = {
    input: initialInput,
    active: false,
    error: null,
    visible: null,
    matched: 0,
    pending: false,
    predicate: null,
    match: toMatch(initialInput),
  };
  private readonly listeners = new Set<() => void>();
  private worker: Worker | null = null;
  private requestId = 0;

  constructor() {
    topicStore.onNodesAdded((added, reset) => this.onNodesAdded(added, reset));
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): TopicFilterState => this.state;

  set(partial: Partial<TopicFilterInput>): void {
    const input = { ...this.state.input, ...partial };
    const match = toMatch(input);
    const compiled = compileTopicMatch(match);
    const active = compiled.ok ? !compiled.isAll : true;
    const requestId = ++this.requestId;
    if (compiled.ok && active) this.post({ type: 'match', requestId, match });
    this.publish({
      input,
      match,
      active,
      error: compiled.ok ? null : engineText(compiled.error),
      visible: null,
      matched: 0,
      pending: compiled.ok && active,
      predicate: compiled.ok && active ? compiled.test : null,
    });
  }

  private onNodesAdded(added: readonly TreeNode[], reset: boolean): void {
    if (reset) {
      this.post({ type: 'reset' });
      if (this.state.visible) this.publish({ ...this.state, visible: new Uint8Array(0), matched: 0 });
      return;
    }
    this.post({
      type: 'add',
      nodes: added.map((n) => ({ id: n.id, path: n.path, parentId: n.parent?.id ?? -1 })),
    });
    const { visible, predicate } = this.state;
    if (visible && predicate) {
      const marked = markNew(visible, predicate, added);
      this.publish({ ...this.state, visible: marked.visible, matched: this.state.matched + marked.matched });
    }
  }

  private onReply(reply: FilterWorkerReply): void {
    if (reply.requestId !== this.requestId) return;
    if (reply.error !== undefined) {
      this.publish({ ...this.state, error: engineText(reply.error), pending: false });
      return;
    }
    let { visible, matched } = reply;
    // Nodes added after the worker counted them were not in its answer: test them here.
    const predicate = this.state.predicate;
    if (predicate && topicStore.size > visible.length) {
      const late: TreeNode[] = [];
      for (let id = visible.length; id < topicStore.size; id++) {
        const node = topicStore.node(id);
        if (node) late.push(node);
      }
      const marked = markNew(visible, predicate, late);
      visible = marked.visible;
      matched += marked.matched;
    }
    this.publish({ ...this.state, visible, matched, pending: false });
  }

  private post(request: FilterWorkerRequest): void {
    if (!this.worker) {
      // Started with the first topics and kept in step as the tree grows, so even the first
      // filter over a large tree needs no bulk copy of its paths.
      if (request.type === 'reset') return;
      this.worker = new Worker(new URL('./topic-filter.worker.ts', import.meta.url), { type: 'module' });
      this.worker.onmessage = (event: MessageEvent<FilterWorkerReply>) => this.onReply(event.data);
      // The worker starts empty: give it every node the tree already has.
      const all: { id: number; path: string; parentId: number }[] = [];
      for (let id = 0; id < topicStore.size; id++) {
        const n = topicStore.node(id);
        if (n) all.push({ id, path: n.path, parentId: n.parent?.id ?? -1 });
      }
      this.worker.postMessage({ type: 'add', nodes: all } satisfies FilterWorkerRequest);
      if (request.type === 'add') return;
    }
    this.worker.postMessage(request);
  }

  private publish(next: TopicFilterState): void {
    this.state = next;
    for (const listener of this.listeners) listener();
  }
}

/** Marks new nodes that match (and their ancestors), growing the bitmap when needed. */
function markNew(
  current: Uint8Array,
  predicate: TopicPredicate,
  added: readonly TreeNode[],
): { visible: Uint8Array; matched: number } {
  let visible = current;
  const maxId = added.reduce((max, n) => Math.max(max, n.id), -1);
  if (maxId >= visible.length) {
    const grown = new Uint8Array(Math.max(maxId + 1, visible.length * 2));
    grown.set(visible);
    visible = grown;
  } else {
    visible = visible.slice();
  }
  let matched = 0;
  for (const node of added) {
    if (!predicate(node.path)) continue;
    matched++;
    for (let n: TreeNode | null = node; n && n.id >= 0 && visible[n.id] !== 1; n = n.parent)
      visible[n.id] = 1;
  }
  return { visible, matched };
}

export const topicFilter = new TopicFilter();
