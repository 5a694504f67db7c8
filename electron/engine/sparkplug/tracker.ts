import { birthAliases, decodeSparkplug, type AliasInfo } from '../../codecs';
import {
  SPARKPLUG_KEPT_EVENTS,
  type RebirthNeed,
  type SparkplugDecodeError,
  type SparkplugDevice,
  type SparkplugMetric,
  type SparkplugNode,
  type SparkplugState,
} from '../../contract';

/** A Sparkplug topic's parts: spBv1.0/<group>/<type>/<node>[/<device>]. */
export interface SparkplugTopic {
  group: string;
  kind: string;
  node: string;
  device?: string;
}

export function parseSparkplugTopic(topic: string): SparkplugTopic | null {
  const parts = topic.split('/');
  if (parts[0] !== 'spBv1.0' || parts.length < 4 || parts.length > 5) return null;
  const [, group = '', kind = '', node = '', device] = parts;
  if (group === 'STATE' || !group || !node || !/^[ND](BIRTH|DEATH|DATA|CMD)$/.test(kind)) return null;
  if (kind.startsWith('D') !== (device !== undefined) || device === '') return null;
  return { group, kind, node, ...(device !== undefined ? { device } : {}) };
}

/** One message to take into account (a kept log entry). */
export interface SparkplugInput {
  seq: number;
  topic: string;
  payload: Uint8Array;
  receivedAt: number;
}

interface DeviceState extends Omit<SparkplugDevice, 'metrics'> {
  aliases: Map<string, AliasInfo>;
  metrics: Map<string, SparkplugMetric>;
}

interface NodeState extends Omit<SparkplugNode, 'metrics' | 'devices'> {
  aliases: Map<string, AliasInfo>;
  metrics: Map<string, SparkplugMetric>;
  devices: Map<string, DeviceState>;
}

type Fields = Record<string, unknown>;

function keepNewest<T>(list: T[], item: T): void {
  list.push(item);
  if (list.length > SPARKPLUG_KEPT_EVENTS) list.splice(0, list.length - SPARKPLUG_KEPT_EVENTS);
}

function metricRow(m: Fields, seq: number): SparkplugMetric {
  const row: SparkplugMetric = { value: m.value ?? null, seq };
  if (typeof m.name === 'string') row.name = m.name;
  if (m.alias !== undefined) row.alias = String(m.alias);
  if (m.datatype !== undefined) row.datatype = String(m.datatype);
  if (typeof m.timestamp === 'string') row.timestamp = m.timestamp;
  if (typeof m.properties === 'object' && m.properties !== null) {
    const props = m.properties as Record<string, unknown>;
    row.properties = props;
    if (Object.hasOwn(props, 'Quality')) row.quality = props.Quality;
  }
  return row;
}

/** Metric rows are keyed by name, or by alias when no birth named it. */
const metricKey = (row: SparkplugMetric) =>
  row.name !== undefined ? `n:${row.name}` : `a:${row.alias ?? ''}`;

function bdSeqOf(metrics: Fields[]): number | null {
  const found = metrics.find((m) => m.name === 'bdSeq');
  const value = Number(found?.value);
  return found && Number.isFinite(value) ? value : null;
}

/**
 * The Sparkplug B namespace of one connection, built by taking messages in log order:
 * births remember aliases and metrics, deaths mark nodes and devices offline (an NDEATH
 * only when its bdSeq matches the current birth's), the payload seq is checked per edge
 * node (0–255, wrapping), and DATA without a birth or with an alias no birth named marks
 * the node or device "rebirth needed".
 */
export class SparkplugTracker {
  private readonly groups = new Map<string, Map<string, NodeState>>();
  private readonly errors: SparkplugDecodeError[] = [];
  processedSeq = 0;

  constructor(readonly epoch: number) {}

  private node(group: string, id: string): NodeState {
    let nodes = this.groups.get(group);
    if (!nodes) this.groups.set(group, (nodes = new Map()));
    let node = nodes.get(id);
    if (!node) {
      node = {
        group,
        id,
        online: null,
        gaps: [],
        aliases: new Map(),
        metrics: new Map(),
        devices: new Map(),
      };
      nodes.set(id, node);
    }
    return node;
  }

  private device(node: NodeState, id: string): DeviceState {
    let device = node.devices.get(id);
    if (!device) {
      device = { id, online: null, aliases: new Map(), metrics: new Map() };
      node.devices.set(id, device);
    }
    return device;
  }

  /** The aliases a DATA message on this topic is read with (its node's or device's birth). */
  aliasesFor(topic: string): ReadonlyMap<string, AliasInfo> | null {
    const parsed = parseSparkplugTopic(topic);
    if (!parsed) return null;
    const node = this.groups.get(parsed.group)?.get(parsed.node);
    if (!node) return null;
    return parsed.device === undefined ? node.aliases : (node.devices.get(parsed.device)?.aliases ?? null);
  }

  /** Was a birth on record for this topic's node or device? */
  hasBirth(topic: string): boolean {
    const parsed = parseSparkplugTopic(topic);
    if (!parsed) return false;
    const node = this.groups.get(parsed.group)?.get(parsed.node);
    if (!node) return false;
    if (parsed.device === undefined) return node.birthSeq !== undefined;
    return node.devices.get(parsed.device)?.birthSeq !== undefined;
  }

  take(input: SparkplugInput): void {
    this.processedSeq = Math.max(this.processedSeq, input.seq);
    const topic = parseSparkplugTopic(input.topic);
    if (!topic) return;
    const node = this.node(topic.group, topic.node);
    const device = topic.device === undefined ? null : this.device(node, topic.device);
    const holder = device ?? node;
    const isBirth = topic.kind.endsWith('BIRTH');
    // Births define aliases; everything else is read with the ones on record.
    const decoded = decodeSparkplug(input.payload, isBirth ? null : holder.aliases);
    if (!decoded.ok) {
      const error = {
        seq: input.seq,
        topic: input.topic,
        text: decoded.text,
        receivedAt: input.receivedAt,
      };
      node.lastError = error;
      keepNewest(this.errors, error);
      return;
    }
    const payload = decoded.value as Fields;
    const metrics = (payload.metrics ?? []) as Fields[];
    if (topic.kind !== 'NDEATH' && !topic.kind.endsWith('CMD')) this.checkSeq(node, payload, input);
    const need = (reason: RebirthNeed['reason'], alias?: string): RebirthNeed => ({
      reason,
      seq: input.seq,
      receivedAt: input.receivedAt,
      ...(alias !== undefined ? { alias } : {}),
    });
    switch (topic.kind) {
      case 'NBIRTH':
        node.online = true;
        node.birthSeq = input.seq;
        delete node.rebirth;
        delete node.staleDeath;
        node.aliases = birthAliases(input.payload);
        node.metrics = new Map();
        this.setBdSeq(node, bdSeqOf(metrics));
        // A new node session: every device must be born again in it (a DBIRTH follows the
        // NBIRTH). Until then a device is offline, its old aliases mean nothing, and DATA
        // from it asks for a rebirth. Its last values stay on show.
        for (const d of node.devices.values()) {
          if (d.online) d.online = false;
          delete d.birthSeq;
          delete d.rebirth;
          d.aliases = new Map();
        }
        break;
      case 'DBIRTH':
        if (!device) break;
        device.online = true;
        device.birthSeq = input.seq;
        delete device.rebirth;
        device.aliases = birthAliases(input.payload);
        device.metrics = new Map();
        // A device born while its node has no birth on record still leaves the node unknown.
        if (node.birthSeq === undefined) node.rebirth ??= need('no-birth');
        break;
      case 'NDEATH': {
        const bdSeq = bdSeqOf(metrics);
        const expected = node.bdSeq ?? null;
        if (expected !== null && bdSeq !== expected) {
          node.staleDeath = { seq: input.seq, bdSeq, expected, receivedAt: input.receivedAt };
          return;
        }
        node.online = false;
        node.deathSeq = input.seq;
        for (const d of node.devices.values()) if (d.online) d.online = false;
        return;
      }
      case 'DDEATH':
        if (device) {
          device.online = false;
          device.deathSeq = input.seq;
        }
        return;
      case 'NDATA':
      case 'DDATA': {
        if (holder.birthSeq === undefined) holder.rebirth = need('no-birth');
        const unknown = metrics.find((m) => m.name === undefined && m.alias !== undefined);
        if (unknown && holder.birthSeq !== undefined)
          holder.rebirth = need('unknown-alias', String(unknown.alias));
        break;
      }
      default:
        // NCMD/DCMD: commands to the node, not its state.
        return;
    }
    for (const m of metrics) {
      const row = metricRow(m, input.seq);
      const key = metricKey(row);
      // DATA carries values; the datatype and properties a birth gave stay.
      holder.metrics.set(key, { ...holder.metrics.get(key), ...row });
    }
  }

  private setBdSeq(node: NodeState, bdSeq: number | null): void {
    if (bdSeq === null) delete node.bdSeq;
    else node.bdSeq = bdSeq;
  }

  /** Sparkplug's seq counts every message of an edge node but NDEATH, 0–255 then 0 again. */
  private checkSeq(node: NodeState, payload: Fields, input: SparkplugInput): void {
    const received = Number(payload.seq);
    if (payload.seq === undefined || !Number.isFinite(received)) return;
    const last = node.lastPayloadSeq;
    node.lastPayloadSeq = received;
    if (input.topic.split('/')[2] === 'NBIRTH' || last === undefined) return;
    const expected = (last + 1) % 256;
    if (received !== expected) {
      keepNewest(node.gaps, {
        seq: input.seq,
        topic: input.topic,
        expected,
        received,
        receivedAt: input.receivedAt,
      });
    }
  }

  state(): SparkplugState {
    const groups = [...this.groups.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([id, nodes]) => ({
        id,
        nodes: [...nodes.values()]
          .sort((a, b) => a.id.localeCompare(b.id))
          .map(({ aliases: _a, metrics, devices, ...rest }) => ({
            ...rest,
            gaps: [...rest.gaps],
            metrics: [...metrics.values()],
            devices: [...devices.values()]
              .sort((a, b) => a.id.localeCompare(b.id))
              .map(({ aliases: _d, metrics: m, ...d }) => ({ ...d, metrics: [...m.values()] })),
          })),
      }));
    return { epoch: this.epoch, processedSeq: this.processedSeq, groups, errors: [...this.errors] };
  }
}
