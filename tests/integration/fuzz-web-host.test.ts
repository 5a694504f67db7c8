/**
 * The web host fuzz suite (Trust #1, #2, #19; the "fuzz suite in npm test" of the issue).
 *
 * Bounded: a fixed seed and a fixed case count, so every run sends the same frames.
 * The host runs as its own process (the built out/web/index.js, as a user starts it): a
 * crash shows as an exit instead of taking vitest down, and its RSS is its own, read from
 * /proc/<pid>/status, not mixed with the test's megabyte strings.
 *
 * Safety bounds of the fuzzing itself:
 * - no traffic leaves loopback: connection.open inputs the schema accepts get host
 *   127.0.0.1 and a port that was just free (closed); profiles.connect and
 *   localBroker.start are sent only with inputs the schema refuses (the first could
 *   connect to a fuzzed saved host, the second binds ports);
 * - nothing is written outside the temporary --data-dir: no contract request takes a
 *   file path (imports and exports carry the file's text), which the first test checks.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decode, encode } from '@msgpack/msgpack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ErrorCodeSchema, requestNames, requests, type RequestName } from '../../electron/contract';
import { WEB_SOCKET_PATH, type ServerFrame } from '../../electron/contract/web-wire';
import {
  deepBytes,
  fieldPaths,
  HUGE_STRING,
  hostileValues,
  jsonSchemaOf,
  pick,
  PROTO_KEYS,
  randomPath,
  REFUSED_PATHS,
  sample,
  seededRandom,
  valueAt,
  withField,
} from '../support/fuzz-inputs';
import { getRequest, rawStatus } from '../support/raw-http';
import { startWebHostProcess, type WebHostProcess } from '../support/web-host-process';

const SEED = 0x17_0017;
/** Field mutations per request, picked by the seed, on top of the fixed cases. */
const CASES_PER_REQUEST = 30;
const RANDOM_PATHS = 150;
/** Frames in flight at once; each chunk is answered before the next is sent. */
const CHUNK = 64;
const EDGE_NUMBERS = [Number.NaN, Number.POSITIVE_INFINITY, -1, -0, 0.5, 2 ** 53 + 2, 1e308];
const RSS_HEADROOM = 300 * 1024 * 1024;
const ANSWER_TIMEOUT_MS = 30_000;

/** Which requests may not run with a valid input, and why (see the header). */
const NEVER_VALID = new Set<RequestName>(['profiles.connect', 'localBroker.start']);

/**
 * Path-like input fields, none of which names a file to write (see the first test):
 * `fileName` is the label a publish-history entry shows for a picked file (its bytes travel
 * as the payload), `profileId` keys a Map of histories, `path`/`wsPath` are WebSocket paths.
 */
// protoFiles (payloadFormats.save) carries .proto text and an import name, kept in the store: never a path on disk.
const KNOWN_PATH_FIELDS = ['fileName', 'path', 'profileId', 'protoFiles', 'wsPath'];

let host: WebHostProcess;
let dataDir: string;
let origin: string;
let hostHeader: string;
let port: number;
let token: string;
let closedPort: number;
let baselineRss: number;
const counts = { frames: 0, skipped: 0, paths: 0, hosts: 0, maxRssGrowth: 0 };

function rssOf(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match?.[1]) throw new Error(`no VmRSS for ${pid}`);
  return Number(match[1]) * 1024;
}

async function freeClosedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port: free } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return free;
}

/** One socket to the host that keeps every answer it gets, by id. */
class ContractSocket {
  readonly answers = new Map<number, unknown[]>();
  closeCode: number | null = null;
  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => {
      const frame = decode(data) as ServerFrame;
      if (frame.kind !== 'response') return;
      this.answers.set(frame.id, [...(this.answers.get(frame.id) ?? []), frame.envelope]);
    });
    ws.on('close', (code) => (this.closeCode = code));
  }

  static async open(): Promise<ContractSocket> {
    const ws = new WebSocket(`ws://127.0.0.1:${port}${WEB_SOCKET_PATH}?token=${token}`, {
      headers: { Origin: origin },
    });
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    return new ContractSocket(ws);
  }

  send(data: Uint8Array | string): void {
    this.ws.send(data);
  }

  close(): void {
    this.ws.close();
  }
}

let nextId = 1;
/** Frames sent whose id the host can read: each must get exactly one typed envelope. */
const expectAnswer = new Set<number>();
/** Frames sent without a readable id: none may be answered (their "ids" are not numbers). */
let socket: ContractSocket;

function typedEnvelope(envelope: unknown): boolean {
  if (typeof envelope !== 'object' || envelope === null) return false;
  const e = envelope as { ok?: unknown; value?: unknown; error?: { code?: unknown; message?: unknown } };
  if (e.ok === true) return 'value' in e;
  return (
    e.ok === false &&
    ErrorCodeSchema.safeParse(e.error?.code).success &&
    typeof e.error?.message === 'string' &&
    e.error.message.length > 0
  );
}

/** Sends frames in chunks and waits (bounded) until each expected id is answered. */
async function sendAll(frames: { bytes: Uint8Array | string; id?: number }[]): Promise<void> {
  for (let at = 0; at < frames.length; at += CHUNK) {
    const chunk = frames.slice(at, at + CHUNK);
    for (const frame of chunk) {
      if (frame.id !== undefined) expectAnswer.add(frame.id);
      socket.send(frame.bytes);
      counts.frames += 1;
    }
    const ids = chunk.flatMap((f) => (f.id === undefined ? [] : [f.id]));
    await expect
      .poll(() => ids.filter((id) => !socket.answers.has(id)), { timeout: ANSWER_TIMEOUT_MS, interval: 20 })
      .toEqual([]);
  }
}

function requestFrame(name: unknown, input: unknown): { bytes: Uint8Array; id: number } {
  const id = nextId++;
  return { bytes: encode({ kind: 'request', id, name, input }), id };
}

/**
 * Applies the safety bounds: what the host would see (after the same decode) is checked
 * against the schema, and a valid input of a request with effects outside is made safe or skipped.
 */
function guarded(name: RequestName, input: unknown): unknown {
  let seen: unknown;
  try {
    seen = decode(encode(input));
  } catch {
    return input; // refused at decode by the host too ("__proto__" key)
  }
  if (!requests[name].input.safeParse(seen ?? {}).success) return input;
  if (NEVER_VALID.has(name)) return SKIP;
  if (name === 'connection.open') {
    const { tls: _tls, ...rest } = seen as Record<string, unknown>;
    return { ...rest, host: '127.0.0.1', port: closedPort, transport: 'mqtt' };
  }
  return input;
}
const SKIP = Symbol('skip');

/** The host is alive, answers, and its memory stayed within the bound. */
async function assertHealthy(): Promise<void> {
  expect(host.exitCode(), host.output()).toBeUndefined();
  const frame = requestFrame('app.info', {});
  await sendAll([frame]);
  expect(socket.answers.get(frame.id)?.[0]).toMatchObject({ ok: true, value: { host: 'web' } });
  const rss = rssOf(host.pid);
  counts.maxRssGrowth = Math.max(counts.maxRssGrowth, rss - baselineRss);
  expect(rss).toBeLessThan(baselineRss + RSS_HEADROOM);
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'mqscope-fuzz-'));
  host = await startWebHostProcess(['--data-dir', dataDir]);
  const page = new URL(host.url);
  origin = page.origin;
  hostHeader = page.host;
  port = Number(page.port);
  token = page.searchParams.get('token') ?? '';
  closedPort = await freeClosedPort();
  socket = await ContractSocket.open();
  baselineRss = rssOf(host.pid);
}, 60_000);

afterAll(async () => {
  socket?.close();
  await host?.stop();
  await rm(dataDir, { recursive: true, force: true });
  console.log(
    `fuzz (seed ${SEED}): ${counts.frames} frames (${expectAnswer.size} with an id), ` +
      `${counts.skipped} skipped by the safety bounds, ${counts.paths} paths, ${counts.hosts} Host headers; ` +
      `RSS grew at most ${Math.round(counts.maxRssGrowth / 2 ** 20)} MB`,
  );
});

describe('fuzz: the web host under hostile input', () => {
  it('no request takes a path to write to (the data dir bound holds by construction)', () => {
    // Every field named like a path, over all request inputs. "path" is the WebSocket path
    // of a connection and the TLS file reference ({kind: "file", path}), which is only
    // read, on connect; the guard strips TLS from connection.open. A new path-like field
    // fails this test, so that its effect on the fuzzing bounds gets a look.
    const names = new Set<string>();
    const walk = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(walk);
      else if (typeof value === 'object' && value !== null) {
        for (const [key, child] of Object.entries(value)) {
          if (key === 'properties' && typeof child === 'object' && child !== null) {
            for (const field of Object.keys(child)) if (/path|file|dir/i.test(field)) names.add(field);
          }
          walk(child);
        }
      }
    };
    requestNames.forEach((name) => walk(jsonSchemaOf(requests[name].input)));
    expect([...names].sort()).toEqual(KNOWN_PATH_FIELDS);
  });

  // Trust #2: schema-driven over every contract request.
  it('answers every malformed input of every request with one typed envelope', async () => {
    const random = seededRandom(SEED);
    const hostile = hostileValues();
    for (const name of requestNames) {
      const base = sample(jsonSchemaOf(requests[name].input));
      const paths = fieldPaths(base);
      const inputs: unknown[] = [
        base,
        undefined,
        null,
        'input',
        42,
        [base],
        Object.assign(structuredClone(base) as object, { extra: 1 }),
        { ...(base as object), ...JSON.parse('{"__proto__": {"admin": true}}') },
        ...PROTO_KEYS.map((key) =>
          Object.defineProperty({ ...(base as object) }, key, { value: 'x', enumerable: true }),
        ),
      ];
      for (const path of paths) {
        // An array where each field goes (an object, for the nested ones).
        inputs.push(withField(base, path, [base]));
        // Object's own names in every string position (presets.list {broker: "constructor"}).
        if (typeof valueAt(base, path) === 'string') {
          for (const key of PROTO_KEYS) inputs.push(withField(base, path, key));
        }
        // Numbers no form would send, in every number position.
        if (typeof valueAt(base, path) === 'number') {
          for (const n of EDGE_NUMBERS) inputs.push(withField(base, path, n));
        }
      }
      for (let i = 0; i < CASES_PER_REQUEST && paths.length > 0; i++) {
        inputs.push(withField(base, pick(random, paths), pick(random, hostile)));
      }
      // One megabyte string in one field per request.
      if (paths.length > 0) inputs.push(withField(base, pick(random, paths), HUGE_STRING));
      const frames: { bytes: Uint8Array; id: number }[] = [];
      for (const input of inputs) {
        const safe = guarded(name, input);
        if (safe === SKIP) counts.skipped += 1;
        else frames.push(requestFrame(name, safe));
      }
      // 10 000 levels of nesting as the whole input and inside a field: the host must refuse, not recurse.
      // (The nil that ends each encoded frame is replaced by the deep value.)
      const field = paths[0]?.[0];
      for (const kind of ['array', 'map'] as const) {
        for (const input of field === undefined ? [null] : [null, { [field]: null }]) {
          const id = nextId++;
          const head = encode({ kind: 'request', id, name, input });
          frames.push({ id, bytes: Buffer.concat([head.subarray(0, -1), deepBytes(10_000, kind)]) });
        }
      }
      await sendAll(frames);
    }
    await assertHealthy();
  }, 120_000);

  // Trust #2: frames that are not well-formed requests.
  it('answers malformed frames that carry an id, drops the others, and stays up', async () => {
    const random = seededRandom(SEED + 1);
    const withId: { bytes: Uint8Array; id: number }[] = [];
    const noId: { bytes: Uint8Array | string }[] = [];
    const names: unknown[] = [
      { toString: 1, valueOf: 1 },
      { toString: 'x' },
      ['presets.list'],
      42,
      null,
      true,
      new Uint8Array([97]),
      'a'.repeat(1 << 20),
      ...PROTO_KEYS.filter((key) => key !== '__proto__'),
      'app.info\u0000',
    ];
    for (const name of names) withId.push(requestFrame(name, {}));
    // A "__proto__" key anywhere, an ext type, and an invalid timestamp ext: refused at decode, answered by id.
    withId.push(requestFrame('app.info', JSON.parse('{"__proto__": 1}')));
    {
      const id = nextId++;
      const head = encode({ kind: 'request', id, name: 'app.info', input: null });
      withId.push({ id, bytes: Buffer.concat([head.subarray(0, -1), Buffer.from([0xd4, 0xff, 0x00])]) });
    }
    // Not a request, but with an id: answered with invalid-input.
    for (const kind of ['response', 'event', undefined, 7]) {
      const id = nextId++;
      withId.push({ id, bytes: encode({ kind, id, name: 'app.info', input: {} }) });
    }
    // Truncated at every position after the id: the id is readable, the frame is not.
    for (let i = 0; i < 20; i++) {
      const frame = requestFrame('presets.list', { broker: 'b'.repeat(40) });
      const idEnd = encode({ kind: 'request', id: frame.id }).length;
      const cut = idEnd + Math.floor(random() * (frame.bytes.length - idEnd - 1));
      withId.push({ id: frame.id, bytes: frame.bytes.subarray(0, cut) });
    }
    // No readable id: not MessagePack, text frames, ids that are not numbers, cut before the id.
    for (let i = 0; i < 40; i++) {
      const bytes = new Uint8Array(1 + Math.floor(random() * 64)).map(() => Math.floor(random() * 256));
      // Keep random bytes from spelling a map that holds a numeric "id".
      bytes[0] = 0xc1;
      noId.push({ bytes });
    }
    noId.push({ bytes: '{"kind":"request","id":1,"name":"app.info"}' }, { bytes: 'x'.repeat(100_000) });
    for (const id of ['1', null, [1], { n: 1 }, true, new Uint8Array([1])]) {
      noId.push({ bytes: encode({ kind: 'request', id, name: 'app.info', input: {} }) });
    }
    noId.push({ bytes: encode({ kind: 'request', name: 'app.info', input: {} }) });
    noId.push({ bytes: encode([1, 2, 3]) }, { bytes: encode('request') }, { bytes: new Uint8Array(0) });
    noId.push({ bytes: deepBytes(100_000, 'array') });
    noId.push({ bytes: encode({ kind: 'request', id: 1 }).subarray(0, 8) });
    const before = new Set(socket.answers.keys());
    await sendAll([...noId, ...withId]);
    for (const frame of withId) {
      expect(socket.answers.get(frame.id)?.[0]).toMatchObject({ ok: false });
    }
    await assertHealthy();
    // Nothing was answered but the frames with ids (and the health check).
    const added = [...socket.answers.keys()].filter((id) => !before.has(id));
    expect(added.every((id) => expectAnswer.has(id))).toBe(true);
  }, 60_000);

  it('gives every frame with an id exactly one typed envelope', () => {
    const wrong = [...expectAnswer].filter((id) => {
      const list = socket.answers.get(id) ?? [];
      return list.length !== 1 || !typedEnvelope(list[0]);
    });
    expect(wrong).toEqual([]);
    expect(expectAnswer.size).toBeGreaterThan(1000);
  });

  it('closes a socket that sends an oversized frame, and stays up', async () => {
    const big = await ContractSocket.open();
    big.send(new Uint8Array(64 * 1024 * 1024 + 1));
    await expect.poll(() => big.closeCode, { timeout: ANSWER_TIMEOUT_MS }).not.toBeNull();
    // 1009 "message too big"; 1006 when the host's close frame lost the race with our
    // still-running write and the connection was reset (seen under load).
    expect([1006, 1009]).toContain(big.closeCode);
    await assertHealthy();
  }, 60_000);

  // Trust #1: every malformed percent-encoding and traversal, and random mixtures of them.
  it('refuses every malformed and traversal path, and never fails on a random one', async () => {
    for (const path of REFUSED_PATHS) {
      const status = await rawStatus(port, getRequest(path, hostHeader));
      counts.paths += 1;
      expect([400, 403, 404], path).toContain(status);
    }
    const random = seededRandom(SEED + 2);
    for (let i = 0; i < RANDOM_PATHS; i++) {
      const path = randomPath(random);
      const status = await rawStatus(port, getRequest(path, hostHeader));
      counts.paths += 1;
      expect([200, 400, 403, 404], path).toContain(status);
    }
    await assertHealthy();
  }, 60_000);

  // Trust #19: Host header cases.
  it('serves only its own Host names', async () => {
    const own = [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`];
    const foreign = [
      'evil.example',
      `evil.example:${port}`,
      `127.0.0.1:${port}.evil.example`,
      `127.0.0.1:${port + 1}`,
      '127.0.0.1',
      `localhost.:${port}`,
      `0.0.0.0:${port}`,
      `127.1:${port}`,
      `[::ffff:127.0.0.1]:${port}`,
      `127.0.0.1:${port}@evil.example`,
      '',
    ];
    for (const value of own) expect(await rawStatus(port, getRequest('/', value)), value).toBe(200);
    for (const value of foreign) expect(await rawStatus(port, getRequest('/', value)), value).toBe(421);
    counts.hosts += own.length + foreign.length;
    await assertHealthy();
  });
});
