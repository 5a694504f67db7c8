/**
 * mqtt.js connect options → profile options. Literals are kept; a value the code computes
 * at run time leaves its field empty and marked "from code" (with the expression and where
 * it is), so the draft is always there for the user to complete.
 */
import type { AnyNode } from 'acorn';
import type { EngineText, FromCodeField, LintItem, TextParams } from '../../../contract';
import { text, type FixedKey } from '../../text/keys';
import { BytesRef, FileRef, type JsObject, Opaque, type JsValue } from './evaluate';
import { readProperties, readWill, readWsOptions } from './groups';
import { LOOKALIKES, MQTTJS_ONLY, PROTOCOL_VERSIONS, SCHEMES, DEFAULT_PORTS, fieldOf } from './options-table';

/** Fields a profile cannot be saved without: a computed one is an error, listed first. */
const BLOCKING = new Set(['host', 'port']);

export function at(node: AnyNode | undefined): Pick<LintItem, 'line' | 'column'> {
  const start = node?.loc?.start;
  return start ? { line: start.line, column: start.column + 1 } : {};
}

type LintKey = FixedKey extends infer K ? (K extends `lint.${infer N}` ? N : never) : never;
/** What a literal should have been: a `lint.kind.…` key. */
export type LiteralKind = LintKey extends infer K ? (K extends `kind.${infer N}` ? N : never) : never;

/** A lint sentence: a key of its own (`lint.…`) with its parameters. */
export const lintText = (key: LintKey, params: TextParams = {}): EngineText => text(`lint.${key}`, params);

export class Mapper {
  readonly lint: LintItem[] = [];
  readonly options: Record<string, unknown> = {};
  readonly secrets: { password?: string; passphrase?: string; keyPem?: string } = {};
  /** Settings the code computes at run time: left empty in the draft, marked in the form. */
  readonly fromCode: FromCodeField[] = [];

  warn(code: string, said: EngineText, node?: AnyNode, severity: LintItem['severity'] = 'warning'): void {
    this.lint.push({ severity, code, text: said, ...at(node) });
  }

  /**
   * A value the code computes: its field stays empty and is marked "from code"; the lint
   * entry points at the expression itself (the variable, not the object around it).
   */
  computed(name: string, value: Opaque, severity?: LintItem['severity'], fields = [fieldOf(name)]): void {
    const where = at(value.node);
    const position = { line: where.line ?? 1, column: where.column ?? 1 };
    for (const field of fields) this.fromCode.push({ field, expression: value.source, position });
    const blocking = fields.some((f) => BLOCKING.has(f));
    const said =
      name === 'url'
        ? lintText(blocking ? 'computedUrlBlocking' : 'computedUrl', { source: value.source })
        : lintText(blocking ? 'computedFieldBlocking' : 'computedField', { source: value.source, name });
    this.warn('not-literal', said, value.node, severity ?? (blocking ? 'error' : 'warning'));
  }

  /** A literal of the expected kind; a computed value is marked, a wrong one reported. */
  literal<T>(
    name: string,
    value: JsValue,
    node: AnyNode,
    accept: (v: JsValue) => v is T & JsValue,
    what: LiteralKind,
  ): T | undefined {
    if (value === undefined) return undefined;
    if (value instanceof Opaque) {
      this.computed(name, value);
      return undefined;
    }
    if (!accept(value)) {
      this.warn('bad-value', lintText('shouldBe', { name, kindKey: `lint.kind.${what}` }), node, 'error');
      return undefined;
    }
    return value;
  }

  url(value: JsValue, node: AnyNode): void {
    if (value instanceof Opaque) {
      this.computed('url', value, 'error', ['host', 'port', 'transport']);
      return;
    }
    const url = this.literal('url', value, node, (v): v is string => typeof v === 'string', 'url');
    if (url === undefined) return;
    const match = /^([a-z][a-z0-9+.-]*):\/\/(.*)$/i.exec(url.trim());
    if (!match?.[1]) {
      this.warn('scheme', lintText('noScheme', { url }), node, 'error');
      return;
    }
    const scheme = match[1].toLowerCase();
    const known = SCHEMES[scheme];
    if (!known) {
      this.warn('scheme', lintText('unknownScheme', { scheme }), node, 'error');
      return;
    }
    if (known.note) this.warn('scheme', lintText(`scheme.${known.note}`), node, 'info');
    let parsed: URL;
    try {
      parsed = new URL(`http://${match[2] ?? ''}`);
    } catch {
      this.warn('bad-value', lintText('badUrl', { url }), node, 'error');
      return;
    }
    this.options['transport'] = known.transport;
    this.options['host'] = parsed.hostname;
    this.options['port'] = parsed.port ? Number(parsed.port) : DEFAULT_PORTS[known.transport];
    if (known.transport === 'ws' || known.transport === 'wss') this.options['path'] = parsed.pathname || '/';
    if (parsed.username) this.options['username'] = decodeURIComponent(parsed.username);
    if (parsed.password) this.secrets.password = decodeURIComponent(parsed.password);
  }

  connectOptions(object: JsObject): void {
    for (const opaque of object.opaqueKeys) {
      this.warn('not-literal', lintText('computedOptionKeys', { source: opaque.source }), opaque.node);
    }
    const str = (v: JsValue): v is string => typeof v === 'string';
    const int = (v: JsValue): v is number => typeof v === 'number' && Number.isInteger(v);
    const boolean = (v: JsValue): v is boolean => typeof v === 'boolean';
    for (const [key, { value, node }] of object.entries) {
      switch (key) {
        case 'host':
        case 'hostname': {
          const host = this.literal(key, value, node, str, 'host');
          if (host !== undefined) this.options['host'] = host;
          break;
        }
        case 'port': {
          const port = this.literal(
            key,
            typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value,
            node,
            int,
            'integer',
          );
          if (port !== undefined) this.options['port'] = port;
          break;
        }
        case 'protocol': {
          const protocol = this.literal(key, value, node, str, 'protocol');
          const known = protocol === undefined ? undefined : SCHEMES[protocol.toLowerCase()];
          if (protocol !== undefined && !known)
            this.warn('scheme', lintText('unknownProtocol', { protocol }), node, 'error');
          if (known) {
            if (known.note) this.warn('scheme', lintText(`scheme.${known.note}`), node, 'info');
            this.options['transport'] = known.transport;
          }
          break;
        }
        case 'path': {
          const path = this.literal(key, value, node, str, 'path');
          if (path !== undefined) this.options['path'] = path;
          break;
        }
        case 'protocolVersion': {
          const version = this.literal(key, value, node, int, 'version');
          if (version !== undefined) {
            const named = PROTOCOL_VERSIONS[version];
            if (named) this.options['protocolVersion'] = named;
            else this.warn('bad-value', lintText('badProtocolVersion', { version }), node, 'error');
          }
          break;
        }
        case 'protocolId':
          break; // follows from protocolVersion
        case 'clientId': {
          if (value instanceof Opaque) {
            this.fromCode.push({
              field: 'clientId',
              expression: value.source,
              position: { line: at(value.node).line ?? 1, column: at(value.node).column ?? 1 },
            });
            this.warn(
              'not-literal',
              lintText('computedClientId', { source: value.source }),
              value.node,
              'info',
            );
            break;
          }
          const id = this.literal(key, value, node, str, 'string');
          if (id !== undefined) this.options['clientId'] = id;
          break;
        }
        case 'username': {
          const username = this.literal(key, value, node, str, 'string');
          if (username !== undefined) this.options['username'] = username;
          break;
        }
        case 'password': {
          const password = this.literal(key, value, node, str, 'string');
          if (password !== undefined) {
            this.secrets.password = password;
            this.warn('risky', lintText('passwordInCode'), node, 'info');
          }
          break;
        }
        case 'keepalive': {
          const keepalive = this.literal(key, value, node, int, 'seconds');
          if (keepalive !== undefined) this.options['keepaliveSeconds'] = keepalive;
          break;
        }
        case 'connectTimeout': {
          const ms = this.literal(key, value, node, int, 'ms');
          if (ms !== undefined) this.options['connectTimeoutMs'] = Math.min(120_000, Math.max(100, ms));
          break;
        }
        case 'reconnectPeriod': {
          const ms = this.literal(key, value, node, int, 'ms');
          if (ms !== undefined) this.options['reconnect'] = reconnectFrom(ms);
          break;
        }
        case 'clean': {
          const clean = this.literal(key, value, node, boolean, 'boolean');
          if (clean !== undefined) this.options['clean'] = clean;
          break;
        }
        case 'rejectUnauthorized': {
          const verify = this.literal(key, value, node, boolean, 'boolean');
          if (verify === false) {
            this.warn('risky', lintText('noVerify'), node);
          }
          if (verify !== undefined) this.tls()['verifyServer'] = verify;
          break;
        }
        case 'ca':
        case 'cert':
        case 'key':
          this.pem(key, value, node);
          break;
        case 'passphrase': {
          const passphrase = this.literal(key, value, node, str, 'string');
          if (passphrase !== undefined) this.secrets.passphrase = passphrase;
          break;
        }
        case 'servername': {
          const name = this.literal(key, value, node, str, 'host');
          if (name !== undefined) this.tls()['servername'] = name;
          break;
        }
        case 'ALPNProtocols': {
          const list = this.literal(
            key,
            value,
            node,
            (v): v is string[] => Array.isArray(v) && v.every((p) => typeof p === 'string'),
            'strings',
          );
          if (list !== undefined) this.tls()['alpnProtocols'] = list;
          break;
        }
        case 'will':
          readWill(this, value, node);
          break;
        case 'properties':
          readProperties(this, value, node);
          break;
        case 'wsOptions':
          readWsOptions(this, value, node);
          break;
        default:
          if (MQTTJS_ONLY.has(key)) {
            this.warn('not-used', lintText('mqttjsOnly', { key }), node, 'info');
          } else {
            const hint = Object.hasOwn(LOOKALIKES, key) ? LOOKALIKES[key] : undefined;
            this.warn(
              'unknown-option',
              hint
                ? lintText('unknownOptionHint', { key, hintKey: `lint.hint.${hint}` })
                : lintText('unknownOption', { key }),
              node,
            );
          }
      }
    }
  }

  tls(): Record<string, unknown> {
    const existing = this.options['tls'];
    if (existing && typeof existing === 'object') return existing as Record<string, unknown>;
    const tls: Record<string, unknown> = {};
    this.options['tls'] = tls;
    return tls;
  }

  private pem(key: 'ca' | 'cert' | 'key', value: JsValue, node: AnyNode): void {
    const one = Array.isArray(value) && value.length === 1 ? value[0] : value;
    if (one instanceof FileRef) {
      this.tls()[key] = { kind: 'file', path: one.path };
      return;
    }
    const bytes = one instanceof BytesRef && one.format === 'text' ? one.text : one;
    const pem = this.literal(key, bytes, node, (v): v is string => typeof v === 'string', 'pem');
    if (pem === undefined) return;
    if (key === 'key') this.secrets.keyPem = pem;
    else this.tls()[key] = { kind: 'pem', pem };
  }
}

export function bytesOf(ref: BytesRef): Uint8Array {
  return new Uint8Array(Buffer.from(ref.text, ref.format === 'text' ? 'utf8' : ref.format));
}

/** mqtt.js reconnects for ever every `reconnectPeriod` ms (0 = never); MQScope counts attempts. */
export const UNLIMITED_ATTEMPTS = 10_000;
export function reconnectFrom(periodMs: number) {
  return periodMs <= 0
    ? { maxAttempts: 0, periodMs: 3000 }
    : { maxAttempts: UNLIMITED_ATTEMPTS, periodMs: Math.min(3_600_000, Math.max(100, periodMs)) };
}
