/**
 * Mosquitto as the local broker, where it is installed: a generated config in a temp dir
 * (loopback unless asked otherwise, no persistence, the password file hashed here), the
 * broker's log kept in a bounded ring for the panel, and the process stopped with the host.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { pbkdf2Sync, randomBytes } from 'node:crypto';
import { accessSync, constants as fsConstants } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { ParsedLocalBrokerOptions } from '../../contract';
import { ListenError } from './listeners';
import { isPortFree } from './ports';

/** Debian installs the broker in /usr/sbin, which a user's PATH often lacks. */
const EXTRA_DIRS = ['/usr/sbin', '/usr/local/sbin', '/opt/homebrew/sbin', '/usr/local/opt/mosquitto/sbin'];
/** Log lines kept for the panel; older ones go. */
export const MOSQUITTO_LOG_LINES = 500;
const READY_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 5000;

/** The mosquitto binary on this machine, or null. Looked up once per call: cheap, and it may be installed meanwhile. */
export function findMosquitto(): string | null {
  const dirs = [...(process.env['PATH'] ?? '').split(delimiter).filter(Boolean), ...EXTRA_DIRS];
  for (const dir of dirs) {
    const candidate = join(dir, process.platform === 'win32' ? 'mosquitto.exe' : 'mosquitto');
    try {
      accessSync(candidate, fsConstants.X_OK);
      return candidate;
    } catch {
      /* not here */
    }
  }
  return null;
}

export interface MosquittoConfig {
  bindAddress: string;
  tcpPort: number;
  wsPort: number;
  username?: string;
  password?: string;
}

/**
 * A password file line in Mosquitto 2's own format ($7$: PBKDF2-SHA512, 101 rounds, 12-byte
 * salt), so the password never appears on a command line (mosquitto_passwd -b would put it there).
 */
export function passwordLine(username: string, password: string): string {
  const salt = randomBytes(12);
  const hash = pbkdf2Sync(password, salt, 101, 64, 'sha512');
  return `${username}:$7$101$${salt.toString('base64')}$${hash.toString('base64')}\n`;
}

export function configText(config: MosquittoConfig, passwordFile: string | null): string {
  return [
    '# Written by MQScope for its local broker; removed when the broker stops.',
    'per_listener_settings false',
    'persistence false',
    // Run as root, Mosquitto would drop to its own user, which cannot read the 0600 password
    // file: it stays the user MQScope runs as (as it does for anyone else anyway).
    ...(process.getuid?.() === 0 ? ['user root'] : []),
    passwordFile ? 'allow_anonymous false' : 'allow_anonymous true',
    ...(passwordFile ? [`password_file ${passwordFile}`] : []),
    'log_dest stderr',
    'log_type error',
    'log_type warning',
    'log_type notice',
    'log_type information',
    'connection_messages true',
    'log_timestamp true',
    'log_timestamp_format %H:%M:%S',
    `listener ${config.tcpPort} ${config.bindAddress}`,
    'protocol mqtt',
    `listener ${config.wsPort} ${config.bindAddress}`,
    'protocol websockets',
    '',
  ].join('\n');
}

export class MosquittoProcess {
  private readonly lines: string[] = [];
  private partial = '';
  private exitListeners = new Set<(why: string) => void>();
  private exited = false;
  private readonly exit: Promise<void>;

  private constructor(
    private readonly child: ChildProcess,
    private readonly dir: string,
  ) {
    const take = (chunk: string) => this.append(chunk);
    child.stdout?.setEncoding('utf8').on('data', take);
    child.stderr?.setEncoding('utf8').on('data', take);
    this.exit = new Promise((resolve) => {
      const done = (why: string) => {
        if (this.exited) return;
        this.exited = true;
        this.append(`\n${why}\n`);
        for (const listener of this.exitListeners) listener(why);
        resolve();
      };
      child.once('exit', (code, signal) =>
        done(`[mosquitto exited: ${signal ? `signal ${signal}` : `code ${String(code)}`}]`),
      );
      // A spawn failure emits 'error' and may never emit 'exit'.
      child.once('error', (error) => done(`[mosquitto could not start: ${error.message}]`));
    });
  }

  /** Starts Mosquitto and resolves once it says it runs; rejects with its last log lines otherwise. */
  static async start(binary: string, config: MosquittoConfig): Promise<MosquittoProcess> {
    const dir = await mkdtemp(join(tmpdir(), 'mqscope-local-mosquitto-'));
    let passwordFile: string | null = null;
    if (config.username !== undefined) {
      passwordFile = join(dir, 'passwd');
      await writeFile(passwordFile, passwordLine(config.username, config.password ?? ''), { mode: 0o600 });
    }
    const configFile = join(dir, 'mosquitto.conf');
    await writeFile(configFile, configText(config, passwordFile), { mode: 0o600 });
    const child = spawn(binary, ['-c', configFile], { stdio: ['ignore', 'pipe', 'pipe'] });
    const running = new MosquittoProcess(child, dir);
    try {
      await running.ready();
    } catch (error) {
      await running.stop();
      throw error;
    }
    return running;
  }

  /** The log as Mosquitto wrote it, oldest first, at most MOSQUITTO_LOG_LINES lines. */
  log(): string[] {
    return this.partial ? [...this.lines, this.partial] : [...this.lines];
  }

  /** Called once if the process ends by itself (a crash, a kill from outside). */
  onExit(listener: (why: string) => void): () => void {
    this.exitListeners.add(listener);
    return () => this.exitListeners.delete(listener);
  }

  async stop(): Promise<void> {
    this.exitListeners.clear();
    if (!this.exited) {
      this.child.kill('SIGTERM');
      const timer = setTimeout(() => this.child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await this.exit;
      clearTimeout(timer);
    }
    await rm(this.dir, { recursive: true, force: true });
  }

  get configDir(): string {
    return this.dir;
  }

  private append(text: string): void {
    const parts = (this.partial + text).split('\n');
    this.partial = parts.pop() ?? '';
    for (const line of parts) if (line !== '') this.lines.push(line);
    if (this.lines.length > MOSQUITTO_LOG_LINES)
      this.lines.splice(0, this.lines.length - MOSQUITTO_LOG_LINES);
    this.wake?.();
  }

  private wake: (() => void) | undefined;

  /** "mosquitto version … running" comes once every listener is open. */
  private ready(): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => finish(new Error(`Mosquitto did not start within ${READY_TIMEOUT_MS / 1000} s.`)),
        READY_TIMEOUT_MS,
      );
      const finish = (error?: Error) => {
        clearTimeout(timer);
        this.wake = undefined;
        if (error) reject(error);
        else resolve();
      };
      this.wake = () => {
        const log = this.log();
        if (log.some((line) => /mosquitto version \S+ running/.test(line))) finish();
        else if (this.exited) {
          const why = log.filter((line) => /error/i.test(line)).at(-1) ?? log.at(-1) ?? 'no output';
          finish(new Error(`Mosquitto stopped at start: ${why.replace(/^\S+: /, '')}`));
        }
      };
      this.wake();
    });
  }
}

/**
 * Starts the machine's Mosquitto with the local broker's options. Mosquitto reports a busy
 * port only in its log, so the ports are tried first: a busy one throws the same ListenError
 * the built-in broker's listeners throw, and the caller offers free ports alike.
 */
export async function launchMosquitto(
  options: ParsedLocalBrokerOptions,
  bindAddress: string,
): Promise<MosquittoProcess> {
  const binary = findMosquitto();
  if (!binary) throw new Error('Mosquitto is not installed on this machine.');
  for (const [port, listener] of [
    [options.tcpPort, 'tcp'],
    [options.wsPort, 'ws'],
  ] as const) {
    if (!(await isPortFree(port, bindAddress))) {
      throw new ListenError(port, listener, 'EADDRINUSE', new Error(`Port ${port} is in use.`));
    }
  }
  return MosquittoProcess.start(binary, {
    bindAddress,
    tcpPort: options.tcpPort,
    wsPort: options.wsPort,
    ...(options.username !== undefined && { username: options.username }),
    ...(options.password !== undefined && { password: options.password }),
  });
}
