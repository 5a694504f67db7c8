/**
 * "Paste your mqtt.js code": finds `mqtt.connect(url, options)` (or `connect`,
 * `connectAsync`, or a bare options object) with a real JavaScript parser, never running
 * the text, and turns it into a profile draft plus a lint report of what mqtt.js would
 * silently ignore, what the code computes at run time, and what is risky.
 */
import { parse, type AnyNode, type Expression, type Options, type Program } from 'acorn';
import { full } from 'acorn-walk';
import type { LintItem, ParseMqttjsResult, ProfileOptions } from '../../../contract';
import { fitOptions } from '../fit-options';
import { Evaluator, JsObject, Opaque, type JsValue } from './evaluate';
import { nestText } from '../../errors';
import { Mapper, UNLIMITED_ATTEMPTS, lintText, reconnectFrom } from './mapper';
import { DEFAULT_PORTS, LOOKALIKES, MAPPED } from './options-table';

const PARSE_OPTIONS: Options = {
  ecmaVersion: 'latest',
  sourceType: 'module',
  locations: true,
  allowReturnOutsideFunction: true,
  allowAwaitOutsideFunction: true,
  allowImportExportEverywhere: true,
  allowHashBang: true,
};

function parseCode(code: string): { program: Program } | { error: LintItem } {
  try {
    return { program: parse(code, PARSE_OPTIONS) };
  } catch (first) {
    // `{ host: 'x', port: 1 }` alone is a block statement to a parser: read it as an expression.
    try {
      return { program: parse(`(${code.trim().replace(/;+$/, '')}\n)`, PARSE_OPTIONS) };
    } catch {
      const loc = (first as { loc?: { line: number; column: number } }).loc;
      const message = first instanceof Error ? first.message.replace(/ \(\d+:\d+\)$/, '') : String(first);
      return {
        error: {
          severity: 'error',
          code: 'syntax',
          text: lintText('syntax', { detail: message }),
          ...(loc ? { line: loc.line, column: loc.column + 1 } : {}),
        },
      };
    }
  }
}

type Call = Extract<AnyNode, { type: 'CallExpression' }>;

interface Collected {
  bindings: Map<string, Expression>;
  calls: Call[];
  objects: Extract<AnyNode, { type: 'ObjectExpression' }>[];
  /** The name a connect call's client is kept under (`const deviceClient = mqtt.connect(...)`). */
  names: Map<AnyNode, string>;
}

/** `await x` and `(x)` are x, for naming. */
function unwrap(node: AnyNode | null | undefined): AnyNode | null {
  if (!node) return null;
  return node.type === 'AwaitExpression' ? node.argument : node;
}

function collect(program: Program): Collected {
  const found: Collected = { bindings: new Map(), calls: [], objects: [], names: new Map() };
  const name = (target: AnyNode | null, as: AnyNode | null) => {
    if (target && as) found.names.set(target, as.type === 'Identifier' ? as.name : '');
  };
  full(program, (node) => {
    if (node.type === 'VariableDeclarator' && node.id.type === 'Identifier' && node.init) {
      if (!found.bindings.has(node.id.name)) found.bindings.set(node.id.name, node.init);
      name(unwrap(node.init), node.id);
    } else if (node.type === 'AssignmentExpression') {
      // `this.client = mqtt.connect(...)` / `client = ...`
      const left = node.left;
      name(
        unwrap(node.right),
        left.type === 'MemberExpression' && !left.computed
          ? left.property
          : left.type === 'Identifier'
            ? left
            : null,
      );
    } else if (node.type === 'PropertyDefinition' && !node.computed) {
      name(unwrap(node.value), node.key);
    } else if (node.type === 'CallExpression') {
      const callee = node.callee;
      const name =
        callee.type === 'Identifier'
          ? callee.name
          : callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier'
            ? callee.property.name
            : '';
      if ((name === 'connect' || name === 'connectAsync') && node.arguments.length > 0)
        found.calls.push(node);
    } else if (node.type === 'ObjectExpression') {
      found.objects.push(node);
    }
  });
  found.calls.sort((a, b) => a.start - b.start);
  found.objects.sort((a, b) => a.start - b.start);
  return found;
}

/** Reads a profile draft out of pasted mqtt.js code. */
export function parseMqttjsCode(code: string): ParseMqttjsResult {
  const parsed = parseCode(code);
  if ('error' in parsed) return { draft: null, lint: [parsed.error] };
  const found = collect(parsed.program);
  const evaluator = new Evaluator(code, found.bindings);
  const mapper = new Mapper();

  // mqtt.js's own defaults where MQScope's differ, so the draft behaves like the code.
  Object.assign(mapper.options, {
    protocolVersion: '3.1.1',
    connectTimeoutMs: 30_000,
    reconnect: reconnectFrom(1000),
  });

  const call = found.calls[0];
  let optionsValue: JsValue;
  let optionsNode: AnyNode | undefined;
  if (call) {
    const [first, second] = call.arguments;
    const firstValue = first ? evaluator.evaluate(first) : undefined;
    if (firstValue instanceof JsObject) {
      optionsValue = firstValue;
      optionsNode = first;
    } else {
      if (first) mapper.url(firstValue, first);
      optionsValue = second ? evaluator.evaluate(second) : undefined;
      optionsNode = second;
    }
  } else {
    // No call: the options object that looks most like mqtt.js options.
    let best: { node: AnyNode; score: number } | null = null;
    for (const node of found.objects) {
      const value = evaluator.evaluate(node);
      if (!(value instanceof JsObject)) continue;
      const score = [...value.entries.keys()].filter((k) => MAPPED.has(k) || k in LOOKALIKES).length;
      if (score > (best?.score ?? 0)) best = { node, score };
    }
    if (!best) {
      return {
        draft: null,
        lint: [
          {
            severity: 'error',
            code: 'not-found',
            text: lintText('notFound'),
          },
        ],
      };
    }
    optionsValue = evaluator.evaluate(best.node as Expression);
    optionsNode = best.node;
  }
  if (optionsValue instanceof JsObject) mapper.connectOptions(optionsValue);
  else if (optionsValue instanceof Opaque) {
    mapper.warn(
      'not-literal',
      lintText('computedOptions', { source: optionsValue.source }),
      optionsValue.node,
    );
  }

  return finish(mapper, optionsNode, call ? found.names.get(call) : undefined);
}

/** Names people give their client that say nothing about which one it is. */
const GENERIC_NAMES = new Set([
  'client',
  'mqttclient',
  'mqtt_client',
  'c',
  'conn',
  'connection',
  'mqtt',
  'res',
  'result',
]);

function draftName(variable: string | undefined, clientId: unknown, host: unknown): string {
  const specific = variable && !GENERIC_NAMES.has(variable.toLowerCase()) ? variable : undefined;
  if (specific) return specific;
  if (typeof clientId === 'string' && clientId.trim() !== '') return clientId.trim().slice(0, 200);
  if (typeof host === 'string' && host !== '') return host;
  return variable || 'mqtt.js connection';
}

const SEVERITY_RANK: Record<LintItem['severity'], number> = { error: 0, warning: 1, info: 2 };

/** Errors (what blocks saving) first, then warnings, then notes; in code order within each. */
function ordered(lint: LintItem[]): LintItem[] {
  const where = (l: LintItem) => (l.line === undefined ? Infinity : l.line * 1e6 + (l.column ?? 0));
  return lint
    .map((item, index) => ({ item, index }))
    .sort(
      (a, b) =>
        SEVERITY_RANK[a.item.severity] - SEVERITY_RANK[b.item.severity] ||
        where(a.item) - where(b.item) ||
        a.index - b.index,
    )
    .map((e) => e.item);
}

/** Stand-ins let the schema check everything else; the fields are emptied again after. */
const HOST_STAND_IN = 'from-code.invalid';
const TOPIC_STAND_IN = 'from-code';

function finish(
  mapper: Mapper,
  optionsNode: AnyNode | undefined,
  variable: string | undefined,
): ParseMqttjsResult {
  const marked = (field: string) => mapper.fromCode.some((f) => f.field === field);
  const options = mapper.options;
  if (options['host'] === undefined && !marked('host')) {
    mapper.warn('missing', lintText('noHost'), optionsNode, 'error');
  }
  if (options['transport'] === undefined) options['transport'] = 'mqtt';
  if (options['port'] === undefined) {
    options['port'] = DEFAULT_PORTS[options['transport'] as keyof typeof DEFAULT_PORTS];
  }
  const transport = options['transport'];
  if (options['tls'] && transport !== 'mqtts' && transport !== 'wss' && !marked('transport')) {
    mapper.warn('not-used', lintText('tlsNotUsed'), optionsNode, 'info');
    delete options['tls'];
  }
  if (options['keepaliveSeconds'] === 0 && options['will']) {
    mapper.warn('risky', lintText('keepaliveZeroWill'), optionsNode);
  }
  if (options['clean'] === false && !options['clientId']) {
    mapper.warn('risky', lintText('cleanNoClientId'), optionsNode);
  }
  if ((options['reconnect'] as { maxAttempts: number }).maxAttempts === UNLIMITED_ATTEMPTS) {
    mapper.warn('defaults', lintText('unlimitedReconnect', { max: UNLIMITED_ATTEMPTS }), undefined, 'info');
  }

  const host = typeof options['host'] === 'string' && options['host'] !== '' ? options['host'] : undefined;
  const will = options['will'] as Record<string, unknown> | undefined;
  const willTopic = will?.['topic'];
  const fitted = fitOptions({
    ...options,
    host: host ?? HOST_STAND_IN,
    ...(will && willTopic === '' ? { will: { ...will, topic: TOPIC_STAND_IN } } : {}),
  });
  for (const note of fitted.notes)
    mapper.warn(
      'invalid',
      lintText('invalid', { field: note.field, ...nestText('note', note.text) }),
      undefined,
      fitted.ok ? 'warning' : 'error',
    );
  const name = draftName(variable, options['clientId'], host);
  // Even options the schema refuses come back as a draft (built from checked literals): the
  // form shows each problem at its field when the user saves.
  const draftOptions = (fitted.ok ? { ...fitted.options } : { ...options }) as ProfileOptions;
  draftOptions.host = host ?? '';
  if (draftOptions.will && willTopic === '') draftOptions.will = { ...draftOptions.will, topic: '' };
  // A path belongs to WebSocket URLs only: mqtts://host:8883 has none.
  if (draftOptions.transport === 'mqtt' || draftOptions.transport === 'mqtts') delete draftOptions.path;
  return {
    draft: { name, options: draftOptions, secrets: mapper.secrets, fromCode: mapper.fromCode },
    lint: ordered(mapper.lint),
  };
}
