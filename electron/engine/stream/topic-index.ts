import { RATE_TAU_MS, RATE_WINDOW_S, type RecentCounts, type TopicNodeState } from '../../contract';
import type { LogEntry } from './message-log';
import { summarize } from './summary';

/** One topic level. Fields are public for speed: the index is the only writer. */
export class TopicNode {
  readonly children = new Map<string, TopicNode>();
  messages = 0;
  total = 0;
  retained = false;
  retainedBelow = 0;
  rate = 0;
  rateTotal = 0;
  rateAt = 0;
  last: LogEntry | null = null;
  /** Arrivals at or below this level per second, a ring indexed by second % RATE_WINDOW_S. */
  private ring: Uint32Array | null = null;
  private ringSecond = 0;
  /** Clock value of this node's latest change; orders the change list. */
  version = 0;
  newer: TopicNode | null = null;
  older: TopicNode | null = null;

  constructor(
    readonly path: string,
    readonly parent: TopicNode | null,
  ) {}

  countArrival(at: number): void {
    const second = Math.floor(at / 1000);
    if (!this.ring) {
      this.ring = new Uint32Array(RATE_WINDOW_S);
      this.ringSecond = second;
    } else if (second > this.ringSecond) {
      // Seconds that passed without arrivals start at zero.
      if (second - this.ringSecond >= RATE_WINDOW_S) this.ring.fill(0);
      else for (let s = this.ringSecond + 1; s <= second; s++) this.ring[s % RATE_WINDOW_S] = 0;
      this.ringSecond = second;
    }
    // A message stamped before the window (a clock stepped back) counts in its oldest second.
    const slot = Math.max(second, this.ringSecond - RATE_WINDOW_S + 1) % RATE_WINDOW_S;
    this.ring[slot] = (this.ring[slot] ?? 0) + 1;
  }

  recent(): RecentCounts | undefined {
    const ring = this.ring;
    if (!ring) return undefined;
    const counts: number[] = [];
    for (let i = 0; i < RATE_WINDOW_S; i++) counts.push(ring[(this.ringSecond - i) % RATE_WINDOW_S] ?? 0);
    while (counts.length > 0 && counts[counts.length - 1] === 0) counts.pop();
    return { second: this.ringSecond, counts };
  }
}

/** One arrival's weight in an exponentially weighted rate (messages per second). */
const ARRIVAL = 1000 / RATE_TAU_MS;

function decayFactor(rateAt: number, now: number): number {
  return now > rateAt ? Math.exp(-(now - rateAt) / RATE_TAU_MS) : 1;
}

/**
 * The live topic hierarchy of one connection: counts, retained markers, rates and the
 * last message per topic, with subtree totals kept on every level as messages arrive.
 *
 * Changed nodes are kept in a list ordered by their last change (a node that changes
 * again moves to the newest end), so "what changed since cursor N" costs only the
 * changed nodes, and a topic that changed a thousand times is reported once.
 */
export class TopicIndex {
  readonly root = new TopicNode('', null);
  private readonly byTopic = new Map<string, TopicNode>();
  private clock = 0;
  private newest: TopicNode | null = null;
  /** Distinct topics that carried at least one message. */
  topicCount = 0;

  get cursor(): number {
    return this.clock;
  }

  /** The node for a topic, created with its missing levels. */
  nodeFor(topic: string): TopicNode {
    return this.byTopic.get(topic) ?? this.create(topic);
  }

  add(entry: LogEntry, node: TopicNode = this.nodeFor(entry.topic)): void {
    const now = entry.receivedAt;
    if (node.messages === 0) this.topicCount++;
    node.messages++;
    if (node.last) node.last.isLast = false;
    node.last = entry;
    entry.isLast = true;
    // A replayed retained message marks the topic; an empty one clears the broker's copy.
    // A live message (retain flag off) says nothing about what the broker holds.
    let retainedDelta = 0;
    if (entry.retain) {
      const holds = entry.size > 0;
      if (holds !== node.retained) retainedDelta = holds ? 1 : -1;
      node.retained = holds;
    }
    for (let n: TopicNode | null = node; n !== null && n !== this.root; n = n.parent) {
      // Both rates share rateAt: decay both to now, then count the arrival.
      const factor = decayFactor(n.rateAt, now);
      n.rate = n.rate * factor + (n === node ? ARRIVAL : 0);
      n.rateTotal = n.rateTotal * factor + ARRIVAL;
      n.rateAt = now;
      n.countArrival(now);
      n.total++;
      n.retainedBelow += retainedDelta;
      this.touch(n);
    }
    this.root.total++;
  }

  /** We cleared the broker's retained copy ourselves (its live echo carries no retain flag). */
  forgetRetained(topic: string): void {
    const node = this.byTopic.get(topic);
    if (!node?.retained) return;
    node.retained = false;
    for (let n: TopicNode | null = node; n !== null && n !== this.root; n = n.parent) {
      n.retainedBelow--;
      this.touch(n);
    }
  }

  find(topic: string): TopicNode | undefined {
    return this.byTopic.get(topic);
  }

  /** This node and every node below it that holds a retained value. */
  retainedAtOrBelow(topic: string): string[] {
    const start = this.byTopic.get(topic);
    if (!start) return [];
    const out: string[] = [];
    const stack = [start];
    while (stack.length > 0) {
      const node = stack.pop();
      if (!node || node.retainedBelow === 0) continue;
      if (node.retained) out.push(node.path);
      for (const child of node.children.values()) stack.push(child);
    }
    return out;
  }

  /**
   * Nodes changed after `cursor`, oldest change first, at most `max` of them. When more are
   * waiting, a fifth of the answer goes to the most recently changed ones (sent again later
   * in order): a topic that changes all the time would otherwise stay at the far end of a
   * reader that never quite catches up, and its count would look frozen.
   */
  changesSince(cursor: number, max: number): { nodes: TopicNodeState[]; cursor: number; more: boolean } {
    // Walked newest first. While a large tree arrives, most of it is past the cursor: keep
    // only the newest `hot` and a ring of the oldest `max - hot` seen, not the whole walk.
    const hot = Math.floor(max / 5);
    const k = max - hot;
    const latest: TopicNode[] = [];
    const ring: TopicNode[] = [];
    let count = 0;
    for (let n = this.newest; n !== null && n.version > cursor; n = n.older) {
      if (count < hot) latest.push(n);
      else ring[(count - hot) % k] = n;
      count++;
    }
    const rest = count - latest.length;
    // Oldest first: the ring's entries in reverse walk order.
    const older: TopicNode[] = [];
    const start = rest > k ? rest % k : 0;
    for (let j = Math.min(rest, k) - 1; j >= 0; j--) {
      const node = ring[(start + j) % k];
      if (node) older.push(node);
    }
    if (count <= max) {
      const nodes = [...older, ...latest.reverse()];
      const newestVersion = nodes[nodes.length - 1]?.version ?? cursor;
      return { nodes: nodes.map(nodeState), cursor: newestVersion, more: false };
    }
    return {
      nodes: [...older, ...latest.reverse()].map(nodeState),
      cursor: older[older.length - 1]?.version ?? cursor,
      more: true,
    };
  }

  private create(topic: string): TopicNode {
    let node = this.root;
    let start = 0;
    while (true) {
      const end = topic.indexOf('/', start);
      const level = end === -1 ? topic.slice(start) : topic.slice(start, end);
      let child = node.children.get(level);
      if (!child) {
        const path = end === -1 ? topic : topic.slice(0, end);
        child = new TopicNode(path, node);
        node.children.set(level, child);
        this.byTopic.set(path, child);
      }
      node = child;
      if (end === -1) return node;
      start = end + 1;
    }
  }

  private touch(node: TopicNode): void {
    node.version = ++this.clock;
    if (this.newest === node) return;
    // Unlink, then append at the newest end.
    if (node.older) node.older.newer = node.newer;
    if (node.newer) node.newer.older = node.older;
    node.older = this.newest;
    node.newer = null;
    if (this.newest) this.newest.newer = node;
    this.newest = node;
  }
}

export function nodeState(node: TopicNode): TopicNodeState {
  const state: TopicNodeState = {
    path: node.path,
    messages: node.messages,
    total: node.total,
    retained: node.retained,
    retainedBelow: node.retainedBelow,
    rate: node.rate,
    rateTotal: node.rateTotal,
    rateAt: node.rateAt,
  };
  const recent = node.recent();
  if (recent) state.recent = recent;
  if (node.last) state.last = summarize(node.last);
  return state;
}
