/**
 * A real Mosquitto for the integration and end-to-end suites: never a mock broker.
 *
 * Each call to startMosquitto() makes a fresh temp dir holding a generated config, a password
 * file, a throwaway CA and a server certificate, then starts Mosquitto with four listeners
 * (TCP, WebSocket, TLS, secure WebSocket) on free loopback ports. Test files can therefore run
 * in parallel: nothing is shared between brokers.
 *
 * Plain Node on purpose (no vitest import, relative imports only): Playwright imports it too.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { accessSync, constants as fsConstants } from 'node:fs';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { Socket, createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

export interface MosquittoBroker {
  /** Always the IPv4 loopback: the certificate names it too. */
  host: string;
  ports: Ports;
  username: string;
  password: string;
  /** The test CA, for clients that connect over mqtts/wss. */
  caFile: string;
  caPem: string;
  /** A client certificate and key from the test CA, for the `mqttsMutual` listener. */
  clientCertPem: string;
  clientKeyPem: string;
  /** The temp dir holding config, certificates and password file; removed by stop(). */
  dir: string;
  /** Everything Mosquitto logged so far (it logs to stderr). */
  log(): string;
  /**
   * Resolves once a line of the broker's log matches, e.g. /mqscope_ab12 0 demo\/#/ for a
   * subscription; rejects after timeoutMs. Lines logged before the call count too.
   */
  waitForLog(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /**
   * Freezes the broker (SIGSTOP): sockets stay open but nothing is answered, as in a network
   * partition. For keepalive and "broker stopped answering" tests; resume() undoes it.
   */
  pause(): void;
  resume(): void;
  /** Kills the broker abruptly (SIGKILL), as a crashed host would; stop() still cleans up. */
  crash(): Promise<void>;
  /**
   * Stops the broker gracefully (it saves persistent sessions) and starts it again on the
   * same ports, resolving once it listens. `whileDown` runs in between.
   */
  restart(whileDown?: () => Promise<void>): Promise<void>;
  stop(): Promise<void>;
}

export interface ThirdPartyMessage {
  topic: string;
  payload: string;
  qos: number;
  retain: boolean;
  /** Epoch milliseconds at which the harness read the line. */
  receivedAt: number;
  /** MQTT 5 properties as mosquitto_sub prints them ("user-properties", "content-type", …). */
  properties?: Record<string, unknown>;
}

export interface ThirdPartySubscriber {
  /** Resolves with exactly `count` messages; rejects on timeout or if mosquitto_sub fails. */
  messages: Promise<ThirdPartyMessage[]>;
  /** What arrived so far, for a subscriber whose count is not known in advance. */
  received(): ThirdPartyMessage[];
  /** Kills mosquitto_sub early (safe to call after it has exited). */
  stop(): void;
  /**
   * SIGSTOP / SIGCONT: a subscriber that lags behind, as one starved of CPU does, so the
   * broker has to queue for it. Deterministic where load is not.
   */
  pause(): void;
  resume(): void;
}

export const MOSQUITTO_MISSING =
  'SKIPPED: mosquitto not found on PATH — install mosquitto mosquitto-clients to run the broker suites';

const USERNAME = 'mqscope';
const READY_TIMEOUT_MS = 10_000;
const CLIENT_TIMEOUT_MS = 10_000;
/** A bind race with another process is rare but real; a fresh set of ports fixes it. */
const START_ATTEMPTS = 3;

// ---------------------------------------------------------------------------------------
// Finding the tools

/** Debian installs the broker in /usr/sbin, which a non-root PATH often lacks. */
const EXTRA_DIRS = ['/usr/sbin', '/usr/local/sbin', '/usr/bin', '/usr/local/bin'];

function resolveBinary(name: string): string | null {
  const dirs = [...(process.env.PATH ?? '').split(delimiter).filter(Boolean), ...EXTRA_DIRS];
  for (const dir of dirs) {
    const candidate = join(dir, name);
    try {
      accessSync(candidate, fsConstants.X_OK);
      return candidate;
    } catch {
      /* not here; try the next directory */
    }
  }
  return null;
}

const TOOLS = ['mosquitto', 'mosquitto_pub', 'mosquitto_sub', 'mosquitto_passwd', 'openssl'] as const;
type Tool = (typeof TOOLS)[number];

function tool(name: Tool): string {
  const path = resolveBinary(name);
  if (!path) throw new Error(MOSQUITTO_MISSING);
  return path;
}

/** True when the broker, its clients and openssl are all installed. */
export function mosquittoAvailable(): boolean {
  return TOOLS.every((name) => resolveBinary(name) !== null);
}

// ---------------------------------------------------------------------------------------
// Small process and network helpers

interface RunResult {
  stdout: string;
  stderr: string;
}

/** Runs a tool to completion; rejects with its stderr on a non-zero exit or after the timeout. */
function run(file: string, args: string[], timeoutMs = CLIENT_TIMEOUT_MS): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { timeout: timeoutMs, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error) {
        const why = error.killed
          ? `timed out after ${timeoutMs} ms`
          : `failed (${error.message.split('\n')[0]})`;
        reject(new Error(`${file} ${why}\n${stderr || stdout}`.trim()));
        return;
      }
      resolve({ stdout, stderr });
    });
  });
}

/**
 * A port the OS just handed out and nobody holds. Probed on every interface, not only the
 * loopback: Mosquitto 2.0.11's WebSocket listener ignores its bind address.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('The OS gave no port.'))));
    });
  });
}

async function distinctFreePorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < count) ports.add(await freePort());
  return [...ports];
}

function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

// ---------------------------------------------------------------------------------------
// Leftovers

/**
 * Kills `child` (and removes `dir`) when this process dies, however it dies. Test runners stop
 * their workers with SIGTERM, then SIGKILL, which skips every 'exit' hook: a broker left behind
 * would keep running and holding its ports. The watchdog is a tiny sh that reads its stdin
 * until EOF, which the kernel delivers when our end of the pipe closes with us.
 */
function guard(child: ChildProcess, dir?: string): void {
  if (child.pid === undefined) return;
  const script = 'cat >/dev/null; kill -9 "$1" 2>/dev/null; if [ -n "$2" ]; then rm -rf -- "$2"; fi';
  const watchdog = spawn('/bin/sh', ['-c', script, 'mqscope-watchdog', String(child.pid), dir ?? ''], {
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  // The watchdog must never keep this process alive on its own.
  watchdog.unref();
  if (watchdog.stdin instanceof Socket) watchdog.stdin.unref();
  watchdog.stdin?.on('error', () => undefined);
  // A normal exit needs no watchdog; killing it first means it can never hit a reused pid.
  child.once('exit', () => watchdog.kill('SIGKILL'));
}

// ---------------------------------------------------------------------------------------
// Files Mosquitto reads

/**
 * A CA and a server certificate for localhost / 127.0.0.1, valid for two days.
 * EC keys: generating them is instant, unlike RSA.
 */
interface Certificates {
  caFile: string;
  certFile: string;
  keyFile: string;
  clientCertFile: string;
  clientKeyFile: string;
}

async function makeCertificates(dir: string): Promise<Certificates> {
  const openssl = tool('openssl');
  const caKey = join(dir, 'ca.key');
  const caFile = join(dir, 'ca.crt');
  const keyFile = join(dir, 'server.key');
  const csrFile = join(dir, 'server.csr');
  const certFile = join(dir, 'server.crt');
  const extFile = join(dir, 'server.ext');
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

  // prettier-ignore
  await run(openssl, [
    'req', '-x509', ...ec, '-keyout', caKey, '-out', caFile, '-days', '2',
    '-subj', '/CN=MQScope Test CA',
    '-addext', 'basicConstraints=critical,CA:TRUE',
    '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  await run(openssl, ['req', ...ec, '-keyout', keyFile, '-out', csrFile, '-subj', '/CN=localhost']);
  await writeFile(
    extFile,
    [
      'basicConstraints=CA:FALSE',
      'keyUsage=critical,digitalSignature,keyEncipherment',
      'extendedKeyUsage=serverAuth',
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
      '',
    ].join('\n'),
  );
  // prettier-ignore
  await run(openssl, [
    'x509', '-req', '-in', csrFile, '-CA', caFile, '-CAkey', caKey, '-CAcreateserial',
    '-out', certFile, '-days', '2', '-sha256', '-extfile', extFile,
  ]);
  // A client certificate from the same CA, for the listener that requires one.
  const clientKeyFile = join(dir, 'client.key');
  const clientCsr = join(dir, 'client.csr');
  const clientCertFile = join(dir, 'client.crt');
  const clientExt = join(dir, 'client.ext');
  await run(openssl, [
    'req',
    ...ec,
    '-keyout',
    clientKeyFile,
    '-out',
    clientCsr,
    '-subj',
    '/CN=mqscope-client',
  ]);
  await writeFile(clientExt, 'basicConstraints=CA:FALSE\nextendedKeyUsage=clientAuth\n');
  // prettier-ignore
  await run(openssl, [
    'x509', '-req', '-in', clientCsr, '-CA', caFile, '-CAkey', caKey, '-CAcreateserial',
    '-out', clientCertFile, '-days', '2', '-sha256', '-extfile', clientExt,
  ]);
  return { caFile, certFile, keyFile, clientCertFile, clientKeyFile };
}

interface Ports {
  mqtt: number;
  ws: number;
  mqtts: number;
  wss: number;
  /** TLS that requires a client certificate signed by the test CA. */
  mqttsMutual: number;
}

/**
 * A subtree the test user may not use: a QoS 1 PUBLISH there gets PUBACK 0x87. (Mosquitto
 * 2.0.11 still grants a SUBSCRIBE there and simply delivers nothing, so no SUBACK refusal.)
 */
export const FORBIDDEN_PREFIX = 'forbidden/';

export interface MosquittoOptions {
  /**
   * Mosquitto 2.0 writes its persistence file only every autosave_interval seconds (default
   * 1800) and at a clean shutdown: after a kill -9, sessions since the last save are gone.
   * A short interval makes a crash keep them; each save logs "Saving in-memory database".
   */
  autosaveIntervalSeconds?: number;
  /**
   * Publish `$SYS` every this many seconds (Mosquitto's default is 10) and let the test user
   * read it. Off by default: the broker check's expected answers assume `$SYS` is denied.
   */
  sysIntervalSeconds?: number;
}

function configText(
  ports: Ports,
  files: { passwordFile: string; aclFile: string; dataDir: string } & Certificates,
  options: MosquittoOptions,
) {
  const tls = [`cafile ${files.caFile}`, `certfile ${files.certFile}`, `keyfile ${files.keyFile}`];
  return [
    // One password file and one anonymous rule for every listener.
    'per_listener_settings false',
    'allow_anonymous false',
    `password_file ${files.passwordFile}`,
    `acl_file ${files.aclFile}`,
    // Persistent sessions survive restart(): how a test checks messages queued while a client was away.
    'persistence true',
    `persistence_location ${files.dataDir}/`,
    ...(options.autosaveIntervalSeconds !== undefined
      ? [`autosave_interval ${options.autosaveIntervalSeconds}`]
      : []),
    ...(options.sysIntervalSeconds !== undefined ? [`sys_interval ${options.sysIntervalSeconds}`] : []),
    // stderr is captured by the harness; a log file would have to be writable by the dropped user.
    'log_dest stderr',
    'log_type error',
    'log_type warning',
    'log_type notice',
    'log_type information',
    // "<client id> <qos> <filter>": how mosquittoSub() knows its subscription is in place.
    'log_type subscribe',
    'connection_messages true',
    'log_timestamp_format %H:%M:%S',
    '',
    `listener ${ports.mqtt} 127.0.0.1`,
    'protocol mqtt',
    '',
    // Mosquitto 2.0.11 ignores this bind address for WebSockets and listens on every interface.
    `listener ${ports.ws} 127.0.0.1`,
    'protocol websockets',
    '',
    `listener ${ports.mqtts} 127.0.0.1`,
    'protocol mqtt',
    ...tls,
    '',
    `listener ${ports.wss} 127.0.0.1`,
    'protocol websockets',
    ...tls,
    '',
    `listener ${ports.mqttsMutual} 127.0.0.1`,
    'protocol mqtt',
    ...tls,
    'require_certificate true',
    '',
  ].join('\n');
}

/**
 * Run as root, Mosquitto drops to the `mosquitto` user before it reads certificates and the
 * password file, so the (throwaway) dir must be traversable and its files world-readable.
 */
async function openUpForBrokerUser(dir: string, dataDir: string): Promise<void> {
  await chmod(dir, 0o755);
  for (const name of await readdir(dir)) await chmod(join(dir, name), 0o644);
  // The one place the broker writes (its persistence file).
  await chmod(dataDir, 0o777);
}

// ---------------------------------------------------------------------------------------
// The broker

/** The last part of a growing log, so an error message stays readable. */
function tail(text: string, max = 4000): string {
  return text.length > max ? `…${text.slice(-max)}` : text;
}

interface Running {
  child: ChildProcess;
  log: () => string;
  waitForLog: (pattern: RegExp, timeoutMs?: number) => Promise<string>;
  exited: Promise<void>;
  hasExited: () => boolean;
}

function spawnBroker(configFile: string, dir: string): Running {
  const child = spawn(tool('mosquitto'), ['-c', configFile], { stdio: ['ignore', 'pipe', 'pipe'] });
  guard(child, dir);
  let output = '';
  let exitedFlag = false;
  // Woken on every chunk; each waiter re-reads the whole log, so a line split across chunks is found.
  const watchers = new Set<() => void>();
  const append = (text: string) => {
    output += text;
    if (output.length > 1_000_000) output = output.slice(-500_000);
    for (const watcher of [...watchers]) watcher();
  };
  // setEncoding decodes across chunk boundaries: a character split between two reads stays whole.
  child.stdout?.setEncoding('utf8').on('data', append);
  child.stderr?.setEncoding('utf8').on('data', append);
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exitedFlag = true;
      append(`\n[mosquitto exited: code ${String(code)}, signal ${String(signal)}]\n`);
      resolve();
    });
    // A spawn failure emits 'error' and may never emit 'exit'.
    child.once('error', (error) => {
      exitedFlag = true;
      append(`\n[mosquitto could not start: ${error.message}]\n`);
      resolve();
    });
  });

  const waitForLog = (pattern: RegExp, timeoutMs = CLIENT_TIMEOUT_MS) =>
    new Promise<string>((resolve, reject) => {
      const lineMatching = () => output.split('\n').find((line) => pattern.test(line));
      const check = () => {
        const line = lineMatching();
        if (line !== undefined) {
          done();
          resolve(line);
        } else if (exitedFlag) {
          done();
          reject(new Error(`Mosquitto exited before logging ${String(pattern)}.\n${tail(output)}`));
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(
          new Error(`Mosquitto did not log ${String(pattern)} within ${timeoutMs} ms.\n${tail(output)}`),
        );
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        watchers.delete(check);
      };
      watchers.add(check);
      check();
    });

  return { child, log: () => output, waitForLog, exited, hasExited: () => exitedFlag };
}

async function stopBroker(running: Running): Promise<void> {
  if (running.hasExited()) return;
  // A paused broker would not act on SIGTERM until continued.
  running.child.kill('SIGCONT');
  running.child.kill('SIGTERM');
  const killTimer = setTimeout(() => running.child.kill('SIGKILL'), 5000);
  await running.exited;
  clearTimeout(killTimer);
}

/** Polls until every port accepts a TCP connection, the broker dies, or time runs out. */
async function waitUntilListening(running: Running, host: string, ports: number[]): Promise<string | null> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  const pending = new Set(ports);
  while (pending.size > 0) {
    if (running.hasExited()) return 'Mosquitto exited before it was ready.';
    if (Date.now() > deadline) {
      return `Mosquitto did not listen on port(s) ${[...pending].join(', ')} within ${READY_TIMEOUT_MS} ms.`;
    }
    for (const port of [...pending]) {
      if (await canConnect(host, port)) pending.delete(port);
    }
    if (pending.size > 0) await new Promise((resolve) => setTimeout(resolve, 50));
  }
  // A port can answer for someone else if a race was lost; "… running" comes only once
  // Mosquitto has opened every listener.
  try {
    await running.waitForLog(/mosquitto version \S+ running/, Math.max(1, deadline - Date.now()));
  } catch {
    return 'Mosquitto never said it was running.';
  }
  return null;
}

export async function startMosquitto(options: MosquittoOptions = {}): Promise<MosquittoBroker> {
  const dir = await mkdtemp(join(tmpdir(), 'mqscope-mosquitto-'));
  try {
    const password = randomBytes(12).toString('hex');
    const passwordFile = join(dir, 'passwd');
    await run(tool('mosquitto_passwd'), ['-b', '-c', passwordFile, USERNAME, password]);
    // Everything allowed but one subtree, so a refused PUBLISH can be tested.
    const aclFile = join(dir, 'acl');
    const sys = options.sysIntervalSeconds !== undefined ? 'topic read $SYS/#\n' : '';
    await writeFile(aclFile, `user ${USERNAME}\ntopic deny ${FORBIDDEN_PREFIX}#\ntopic readwrite #\n${sys}`);
    const certs = await makeCertificates(dir);
    const [caPem, clientCertPem, clientKeyPem] = await Promise.all([
      readFile(certs.caFile, 'utf8'),
      readFile(certs.clientCertFile, 'utf8'),
      readFile(certs.clientKeyFile, 'utf8'),
    ]);
    const dataDir = join(dir, 'data');
    await mkdir(dataDir);
    const host = '127.0.0.1';
    const configFile = join(dir, 'mosquitto.conf');

    let failure = '';
    for (let attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
      const [mqtt = 0, ws = 0, mqtts = 0, wss = 0, mqttsMutual = 0] = await distinctFreePorts(5);
      const ports: Ports = { mqtt, ws, mqtts, wss, mqttsMutual };
      await writeFile(configFile, configText(ports, { passwordFile, aclFile, dataDir, ...certs }, options));
      await openUpForBrokerUser(dir, dataDir);

      let running = spawnBroker(configFile, dir);
      const problem = await waitUntilListening(running, host, Object.values(ports));
      if (problem === null) {
        // Logs of earlier runs are kept across restart(), so waitForLog sees the whole story.
        let earlierLog = '';
        return {
          host,
          ports,
          username: USERNAME,
          password,
          caFile: certs.caFile,
          caPem,
          clientCertPem,
          clientKeyPem,
          dir,
          log: () => earlierLog + running.log(),
          waitForLog: (pattern, timeoutMs) => running.waitForLog(pattern, timeoutMs),
          pause: () => void running.child.kill('SIGSTOP'),
          resume: () => void running.child.kill('SIGCONT'),
          crash: async () => {
            if (running.hasExited()) return;
            running.child.kill('SIGKILL');
            await running.exited;
          },
          restart: async (whileDown) => {
            await stopBroker(running);
            earlierLog += running.log();
            await whileDown?.();
            running = spawnBroker(configFile, dir);
            const again = await waitUntilListening(running, host, Object.values(ports));
            if (again !== null)
              throw new Error(`Mosquitto did not come back: ${again}\n${tail(running.log())}`);
          },
          stop: async () => {
            await stopBroker(running);
            await rm(dir, { recursive: true, force: true });
          },
        };
      }
      await stopBroker(running);
      failure = `${problem}\n--- mosquitto output (attempt ${attempt}) ---\n${tail(running.log())}`;
      // Only a lost race for a port is worth another try; anything else fails the same way again.
      // ("Unable to create websockets listener" is how libwebsockets says the same.)
      if (!/address already in use|unable to create websockets listener/i.test(running.log())) break;
    }
    throw new Error(`Could not start Mosquitto.\n${failure}`);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

// ---------------------------------------------------------------------------------------
// Third-party clients: the real mosquitto_pub / mosquitto_sub on the other side

/** mosquitto_pub and mosquitto_sub 2.0.11 cannot speak WebSocket; they have TCP and TLS. */
export type ClientTransport = 'mqtt' | 'mqtts';

/** mosquitto_pub/mosquitto_sub arguments that reach `broker` as its user, over MQTT 5. */
export function connectArgs(broker: MosquittoBroker, transport: ClientTransport = 'mqtt'): string[] {
  const args = ['-h', broker.host, '-u', broker.username, '-P', broker.password, '-V', 'mqttv5'];
  if (transport === 'mqtts') return [...args, '-p', String(broker.ports.mqtts), '--cafile', broker.caFile];
  return [...args, '-p', String(broker.ports.mqtt)];
}

export interface PubArgs {
  topic: string;
  message: string;
  qos?: 0 | 1 | 2;
  retain?: boolean;
  transport?: ClientTransport;
  timeoutMs?: number;
  /** Extra mosquitto_pub arguments, e.g. ['-D', 'publish', 'content-type', 'text/plain']. */
  extraArgs?: string[];
}

/** Publishes one message with mosquitto_pub; rejects with its stderr on failure. */
export async function mosquittoPub(broker: MosquittoBroker, args: PubArgs): Promise<void> {
  const argv = [...connectArgs(broker, args.transport), '-t', args.topic, '-m', args.message];
  argv.push('-q', String(args.qos ?? 0));
  if (args.retain) argv.push('-r');
  if (args.extraArgs) argv.push(...args.extraArgs);
  await run(tool('mosquitto_pub'), argv, args.timeoutMs ?? CLIENT_TIMEOUT_MS);
}

export interface SubArgs {
  topic: string;
  count: number;
  qos?: 0 | 1 | 2;
  transport?: ClientTransport;
  /** Bounds the whole run: connecting, subscribing and receiving `count` messages. */
  timeoutMs?: number;
  /**
   * A persistent session (clean start off, this session expiry): the broker keeps the
   * subscription and queues QoS 1/2 messages while the client is away; mosquitto_sub
   * reconnects by itself after a broker restart.
   */
  sessionExpirySeconds?: number;
  /**
   * MQTT 5 Receive Maximum sent in CONNECT (mosquitto_sub's default is 20). Once messages queue
   * for a lagging subscriber, Mosquitto 2.0.11 overruns that window: after each PUBACK/PUBCOMP
   * it moves queued messages into flight counting only those ahead of the acknowledged one
   * (db__message_delete_outgoing; fixed in 2.0.13, eclipse/mosquitto#2306). libmosquitto
   * then fails with "protocol error" and mosquitto_sub exits, losing what was still queued.
   * A window larger than the messages a test sends means nothing ever queues.
   */
  receiveMaximum?: number;
}

interface JsonLine {
  topic?: unknown;
  payload?: unknown;
  qos?: unknown;
  retain?: unknown;
  properties?: unknown;
}

/**
 * SIGKILL, never SIGTERM: mosquitto_sub 2.0.11's SIGTERM handler calls into libmosquitto and can
 * deadlock on its own mutex (seen here: blocked in futex() with SIGTERM masked, for ever).
 */
function killClient(child: ChildProcess): void {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Starts mosquitto_sub and resolves once the broker has the subscription, so a publish made
 * after `await` cannot be missed.
 *
 * Why the broker's log and not `mosquitto_sub -d`: on a pipe, mosquitto_sub only flushes stdout
 * when it prints a message, so its "received SUBACK" line arrives late. The broker logs
 * "<client id> <qos> <filter>" (log_type subscribe) once the subscription is in its tree, and
 * it handles clients one at a time: any PUBLISH it reads after that line reaches us.
 * `-F %j` prints each message as one JSON line (payload escaped, so newlines are safe).
 */
export async function mosquittoSub(broker: MosquittoBroker, args: SubArgs): Promise<ThirdPartySubscriber> {
  const timeoutMs = args.timeoutMs ?? CLIENT_TIMEOUT_MS;
  const qos = args.qos ?? 0;
  const clientId = `mqscope-sub-${randomBytes(4).toString('hex')}`;
  const argv = [...connectArgs(broker, args.transport), '-i', clientId, '-t', args.topic, '-q', String(qos)];
  argv.push('-C', String(args.count), '-F', '%j');
  if (args.sessionExpirySeconds !== undefined) argv.push('-c', '-x', String(args.sessionExpirySeconds));
  if (args.receiveMaximum !== undefined) {
    argv.push('-D', 'connect', 'receive-maximum', String(args.receiveMaximum));
  }
  const child = spawn(tool('mosquitto_sub'), argv, { stdio: ['ignore', 'pipe', 'pipe'] });
  guard(child);

  const received: ThirdPartyMessage[] = [];
  let stdout = '';
  let stderr = '';
  let pendingLine = '';
  let finish: (error: Error | null) => void = () => undefined;

  const failure = (why: string) =>
    new Error(
      `mosquitto_sub -t ${args.topic} ${why}; got ${received.length} of ${args.count} message(s).\n` +
        `--- stderr ---\n${tail(stderr)}\n--- stdout ---\n${tail(stdout)}`,
    );

  const messages = new Promise<ThirdPartyMessage[]>((resolve, reject) => {
    let done = false;
    const timer = setTimeout(() => finish(failure(`timed out after ${timeoutMs} ms`)), timeoutMs);
    finish = (error) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (error) {
        killClient(child);
        reject(error);
      } else {
        // With -C it disconnects and exits by itself; make sure, without waiting for it.
        setTimeout(() => killClient(child), 2000).unref();
        resolve(received);
      }
    };
  });
  // The caller may never await `messages` (a test that fails before it gets there).
  messages.catch(() => undefined);

  const onLine = (line: string) => {
    if (!line.startsWith('{')) return;
    let parsed: JsonLine;
    try {
      parsed = JSON.parse(line) as JsonLine;
    } catch {
      finish(failure(`printed a line that is not JSON: ${line}`));
      return;
    }
    received.push({
      topic: String(parsed.topic),
      payload: typeof parsed.payload === 'string' ? parsed.payload : JSON.stringify(parsed.payload ?? ''),
      qos: Number(parsed.qos),
      retain: parsed.retain === 1 || parsed.retain === true,
      receivedAt: Date.now(),
      ...(typeof parsed.properties === 'object' &&
        parsed.properties !== null && { properties: parsed.properties as Record<string, unknown> }),
    });
    if (received.length >= args.count) finish(null);
  };

  // setEncoding decodes across chunk boundaries: a payload character split between reads stays whole.
  child.stdout?.setEncoding('utf8').on('data', (text: string) => {
    stdout += text;
    const lines = (pendingLine + text).split('\n');
    pendingLine = lines.pop() ?? '';
    for (const line of lines) onLine(line.replace(/\r$/, ''));
  });
  child.stderr?.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  child.once('error', (error) => finish(failure(`could not start (${error.message})`)));
  child.once('exit', (code, signal) => {
    if (pendingLine) onLine(pendingLine);
    pendingLine = '';
    if (received.length >= args.count) finish(null);
    else finish(failure(`exited (code ${String(code)}, signal ${String(signal)})`));
  });

  const subscribed = broker.waitForLog(
    new RegExp(`: ${escapeRegExp(clientId)} ${qos} ${escapeRegExp(args.topic)}$`),
    timeoutMs,
  );
  // Whichever comes first: the subscription, or mosquitto_sub failing (bad password, timeout).
  await Promise.race([subscribed, messages]).catch((error: unknown) => {
    finish(error instanceof Error ? error : new Error(String(error)));
    throw error;
  });
  subscribed.catch(() => undefined);
  const signal = (name: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(name);
  };
  return {
    messages,
    received: () => [...received],
    stop: () => finish(failure('was stopped')),
    pause: () => signal('SIGSTOP'),
    resume: () => signal('SIGCONT'),
  };
}
