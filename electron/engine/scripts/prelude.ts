/**
 * The guest side of the script API, evaluated in every sandbox before the user's source.
 * It is the only code that touches the two bridge functions: `__host(op, json)` (guest →
 * engine) is captured here and deleted from the global object, and `__dispatch(kind, id,
 * json)` (engine → guest) is taken by the engine and deleted likewise. Everything crosses as
 * JSON text. Building code from strings (eval, Function and its async/generator cousins) is
 * refused, so a script is exactly the source the user saved.
 */
export const PRELUDE_FILE = 'mqscope-prelude.js';
export const SCRIPT_FILE = 'script.js';

export const PRELUDE = String.raw`
(function () {
  'use strict';
  var host = globalThis.__host;
  delete globalThis.__host;
  var B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  var B64I = {};
  for (var i = 0; i < 64; i++) B64I[B64.charAt(i)] = i;
  function toBase64(bytes) {
    var out = '';
    for (var i = 0; i < bytes.length; i += 3) {
      var a = bytes[i], b = bytes[i + 1], c = bytes[i + 2];
      out += B64.charAt(a >> 2) + B64.charAt(((a & 3) << 4) | ((b === undefined ? 0 : b) >> 4));
      out += b === undefined ? '=' : B64.charAt(((b & 15) << 2) | ((c === undefined ? 0 : c) >> 6));
      out += c === undefined ? '=' : B64.charAt(c & 63);
    }
    return out;
  }
  function fromBase64(text) {
    var clean = text.replace(/=+$/, '');
    var out = new Uint8Array(Math.floor((clean.length * 3) / 4));
    var o = 0, bits = 0, acc = 0;
    for (var i = 0; i < clean.length; i++) {
      acc = (acc << 6) | B64I[clean.charAt(i)];
      bits += 6;
      if (bits >= 8) { bits -= 8; out[o++] = (acc >> bits) & 255; }
    }
    return out;
  }
  function show(value) {
    if (typeof value === 'string') return value;
    if (value instanceof Error) return String(value);
    try { var text = JSON.stringify(value); return text === undefined ? String(value) : text; }
    catch (e) { return String(value); }
  }
  function say(level, args) {
    var parts = [];
    for (var i = 0; i < args.length; i++) parts.push(show(args[i]));
    host('log', JSON.stringify({ level: level, text: parts.join(' ') }));
  }
  function bytesOut(value) {
    if (value instanceof Uint8Array) return { base64: toBase64(value) };
    if (value instanceof ArrayBuffer) return { base64: toBase64(new Uint8Array(value)) };
    return null;
  }
  function payloadOut(payload) {
    if (typeof payload === 'string') return { text: payload };
    var bytes = bytesOut(payload);
    if (bytes) return bytes;
    var text = JSON.stringify(payload === undefined ? null : payload);
    return { text: text };
  }
  function propsOut(p) {
    if (p === undefined || p === null) return undefined;
    var out = {};
    if (p.responseTopic !== undefined) out.responseTopic = String(p.responseTopic);
    if (p.contentType !== undefined) out.contentType = String(p.contentType);
    if (p.messageExpiryInterval !== undefined) out.messageExpiryInterval = p.messageExpiryInterval;
    if (p.payloadFormatIndicator !== undefined) out.payloadFormatIndicator = !!p.payloadFormatIndicator;
    if (p.userProperties !== undefined) out.userProperties = p.userProperties;
    if (p.correlationData !== undefined) {
      var cd = bytesOut(p.correlationData);
      out.correlationData = cd ? cd : { text: String(p.correlationData) };
    }
    // An empty set of properties is none at all (an MQTT 3.1.1 connection refuses any).
    return Object.keys(out).length > 0 ? out : undefined;
  }
  var transformFn = null;
  var handlers = [];
  var timers = {};
  var nextTimer = 1;
  function makeMessage(wire) {
    var m = {
      topic: wire.topic, payload: wire.payload, qos: wire.qos, retain: wire.retain,
      properties: {},
    };
    var bytesCache, jsonCache, jsonDone = false;
    Object.defineProperty(m, 'bytes', { enumerable: true, get: function () {
      if (bytesCache === undefined) bytesCache = fromBase64(wire.bytes);
      return bytesCache;
    } });
    Object.defineProperty(m, 'json', { enumerable: true, get: function () {
      if (!jsonDone) { jsonDone = true; try { jsonCache = JSON.parse(wire.payload); } catch (e) { jsonCache = undefined; } }
      return jsonCache;
    } });
    var p = wire.properties || {};
    if (p.responseTopic !== undefined) m.properties.responseTopic = p.responseTopic;
    if (p.contentType !== undefined) m.properties.contentType = p.contentType;
    if (p.userProperties !== undefined) m.properties.userProperties = p.userProperties;
    if (p.correlationData !== undefined) m.properties.correlationData = fromBase64(p.correlationData);
    return m;
  }
  function checkFn(fn, what) {
    if (typeof fn !== 'function') throw new TypeError(what + ' needs a function');
  }
  function timer(ms, fn, repeat) {
    checkFn(fn, repeat ? 'every(ms, fn)' : 'after(ms, fn)');
    var id = nextTimer++;
    timers[id] = fn;
    host('timer', JSON.stringify({ id: id, ms: Number(ms), repeat: repeat }));
    return id;
  }
  var api = {
    transform: function (fn) { checkFn(fn, 'transform(fn)'); transformFn = fn; },
    on: function (filter, fn) {
      checkFn(fn, 'on(filter, fn)');
      handlers.push(fn);
      host('on', JSON.stringify({ filter: String(filter), index: handlers.length - 1 }));
    },
    publish: function (topic, payload, options) {
      var o = options || {};
      host('publish', JSON.stringify({
        topic: String(topic), payload: payloadOut(payload),
        qos: o.qos === undefined ? 0 : o.qos, retain: !!o.retain, properties: propsOut(o.properties),
      }));
    },
    subscribe: function (filter, qos) {
      host('subscribe', JSON.stringify({ filter: String(filter), qos: qos === undefined ? 0 : qos }));
    },
    every: function (ms, fn) { return timer(ms, fn, true); },
    after: function (ms, fn) { return timer(ms, fn, false); },
    cancel: function (id) { if (timers[id]) { delete timers[id]; host('cancel', JSON.stringify({ id: id })); } },
    random: function (min, max) {
      if (min === undefined) return Math.random();
      if (max === undefined) { max = min; min = 0; }
      return min + Math.random() * (max - min);
    },
    now: function () { return Date.now(); },
    log: function () { say('log', arguments); },
    warn: function () { say('warn', arguments); },
    error: function () { say('error', arguments); },
    toBase64: toBase64,
    fromBase64: fromBase64,
  };
  for (var name in api) Object.defineProperty(globalThis, name, { value: api[name], enumerable: false });
  Object.defineProperty(globalThis, 'state', { value: {}, enumerable: false });
  Object.defineProperty(globalThis, 'console', { value: { log: api.log, info: api.log, warn: api.warn, error: api.error }, enumerable: false });
  var noStrings = function () { throw new EvalError('Scripts cannot build code from strings (eval, Function).'); };
  var fnProtos = [
    Function.prototype,
    Object.getPrototypeOf(function* () {}),
    Object.getPrototypeOf(async function () {}),
    Object.getPrototypeOf(async function* () {}),
  ];
  for (var k = 0; k < fnProtos.length; k++) {
    Object.defineProperty(fnProtos[k], 'constructor', { value: noStrings, writable: false, configurable: false });
  }
  Object.defineProperty(globalThis, 'Function', { value: noStrings, writable: false, configurable: false });
  Object.defineProperty(globalThis, 'eval', { value: noStrings, writable: false, configurable: false });
  globalThis.__dispatch = function (kind, id, json) {
    var arg = json === '' ? undefined : JSON.parse(json);
    if (kind === 'transform') {
      if (!transformFn) throw new Error('This script did not call transform((message) => value).');
      var value = transformFn(makeMessage(arg));
      var text = JSON.stringify(value === undefined ? null : value);
      return text === undefined ? 'null' : text;
    }
    if (kind === 'on') { handlers[id](makeMessage(arg)); return ''; }
    if (kind === 'timer') {
      var fn = timers[id];
      if (fn) { if (arg && arg.once) delete timers[id]; fn(); }
      return '';
    }
    if (kind === 'hasTransform') return transformFn ? 'true' : 'false';
    throw new Error('unknown dispatch ' + kind);
  };
})();
`;
