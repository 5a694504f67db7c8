/**
 * The nested option groups of mqtt.js connect options: `will`, `properties` (MQTT 5
 * CONNECT properties) and `wsOptions.headers`. Each literal is kept on its own: a computed
 * will payload does not take the literal will topic down with it.
 */
import type { AnyNode } from 'acorn';
import { BytesRef, JsObject, Opaque, type JsValue } from './evaluate';
import { bytesOf, lintText, type Mapper } from './mapper';

const CONNECT_PROPERTIES = [
  'receiveMaximum',
  'maximumPacketSize',
  'topicAliasMaximum',
  'requestResponseInformation',
  'requestProblemInformation',
];

function userProperties(value: JsValue): { key: string; value: string }[] | undefined {
  if (!(value instanceof JsObject)) return undefined;
  const pairs: { key: string; value: string }[] = [];
  for (const [key, entry] of value.entries) {
    for (const one of Array.isArray(entry.value) ? entry.value : [entry.value]) {
      if (typeof one === 'string' || typeof one === 'number') pairs.push({ key, value: String(one) });
    }
  }
  return pairs;
}

function payload(m: Mapper, value: JsValue, node: AnyNode): unknown {
  if (value instanceof BytesRef) return { format: value.format, text: value.text };
  return m.literal('will.payload', value, node, (v): v is string => typeof v === 'string', 'stringOrBuffer');
}

export function readWill(m: Mapper, value: JsValue, node: AnyNode): void {
  if (value instanceof Opaque) return m.computed('will', value);
  if (!(value instanceof JsObject)) {
    m.warn('bad-value', lintText('willNotObject'), node, 'error');
    return;
  }
  const get = (name: string) => value.entries.get(name);
  const topicEntry = get('topic');
  const topicComputed = topicEntry?.value instanceof Opaque;
  const topic = topicEntry
    ? m.literal(
        'will.topic',
        topicEntry.value,
        topicEntry.node,
        (v): v is string => typeof v === 'string',
        'topic',
      )
    : undefined;
  if (topic === undefined && !topicComputed) {
    if (!topicEntry) m.warn('missing', lintText('willNoTopic'), node);
    return;
  }
  const payloadEntry = get('payload');
  // A computed payload is marked and left empty; the literal topic and the rest are kept.
  const text = payloadEntry ? payload(m, payloadEntry.value, payloadEntry.node) : '';
  const will: Record<string, unknown> = { topic: topic ?? '', payload: text ?? '' };
  const qos = get('qos');
  if (qos)
    will['qos'] = m.literal(
      'will.qos',
      qos.value,
      qos.node,
      (v): v is number => v === 0 || v === 1 || v === 2,
      'qos',
    );
  const retain = get('retain');
  if (retain)
    will['retain'] = m.literal(
      'will.retain',
      retain.value,
      retain.node,
      (v): v is boolean => typeof v === 'boolean',
      'boolean',
    );
  const props = get('properties');
  if (props?.value instanceof Opaque) m.computed('will.properties', props.value);
  else if (props?.value instanceof JsObject) {
    const out: Record<string, unknown> = {};
    for (const [name, entry] of props.value.entries) {
      const v = entry.value;
      if (v instanceof Opaque) m.computed(`will.properties.${name}`, v);
      else if (name === 'correlationData')
        out[name] =
          v instanceof BytesRef ? bytesOf(v) : typeof v === 'string' ? new TextEncoder().encode(v) : v;
      else if (name === 'userProperties') out[name] = userProperties(v);
      else out[name] = v;
    }
    will['properties'] = out;
  }
  for (const name of value.entries.keys()) {
    if (!['topic', 'payload', 'qos', 'retain', 'properties'].includes(name)) {
      m.warn('unknown-option', lintText('unknownWill', { name }), value.entries.get(name)?.node);
    }
  }
  m.options['will'] = will;
}

export function readProperties(m: Mapper, value: JsValue, node: AnyNode): void {
  if (value instanceof Opaque) return m.computed('properties', value);
  if (!(value instanceof JsObject)) {
    m.warn('bad-value', lintText('propertiesNotObject'), node, 'error');
    return;
  }
  const connect: Record<string, unknown> = {};
  for (const [name, entry] of value.entries) {
    const v = entry.value;
    if (v instanceof Opaque) m.computed(`properties.${name}`, v);
    else if (name === 'sessionExpiryInterval') m.options['sessionExpirySeconds'] = v;
    else if (CONNECT_PROPERTIES.includes(name)) connect[name] = v;
    else if (name === 'userProperties') connect[name] = userProperties(v);
    else if (name === 'authenticationMethod' || name === 'authenticationData') {
      m.warn('not-used', lintText('noEnhancedAuth', { name }), entry.node, 'info');
    } else {
      m.warn('unknown-option', lintText('notConnectProperty', { name }), entry.node);
    }
  }
  if (Object.keys(connect).length) m.options['connectProperties'] = connect;
}

export function readWsOptions(m: Mapper, value: JsValue, node: AnyNode): void {
  const headers = value instanceof JsObject ? value.entries.get('headers')?.value : undefined;
  if (headers instanceof Opaque) return m.computed('wsOptions.headers', headers);
  if (!(headers instanceof JsObject)) {
    m.warn('not-used', lintText('wsOptionsLeftOut'), node, 'info');
    return;
  }
  const list: { key: string; value: string }[] = [];
  for (const [key, entry] of headers.entries) {
    if (typeof entry.value === 'string') list.push({ key, value: entry.value });
    else if (entry.value instanceof Opaque) m.computed(`wsOptions.headers.${key}`, entry.value);
  }
  if (list.length) m.options['wsHeaders'] = list;
}
