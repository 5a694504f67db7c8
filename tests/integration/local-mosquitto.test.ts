/**
 * Issue 15, "The built-in broker" #3: where Mosquitto is installed, the local broker can be
 * Mosquitto itself: a generated config on loopback in a temp dir, its log shown, stopped with
 * the host. Against the real binary, with mosquitto_pub / mosquitto_sub and MQScope's own
 * engine as clients.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../electron/engine';
import { passwordLine } from '../../electron/engine/local-broker/mosquitto-process';
import { createDispatch, type Dispatch } from '../../electron/host/dispatch';
import { MOSQUITTO_MISSING, freePort, mosquittoAvailable } from '../support/mosquitto';
import { dispatchCall } from '../support/dispatch-call';

const available = mosquittoAvailable();
if (!available) console.warn(MOSQUITTO_MISSING);

function tool(file: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(file, args, { timeout: 10_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe.skipIf(!available)('Mosquitto as the local broker', () => {
  let engine: Engine;
  let dispatch: Dispatch;
  let ports: { tcpPort: number; wsPort: number };

  const call = dispatchCall(() => dispatch);

  beforeAll(async () => {
    engine = createEngine({ host: 'web', version: 'test' });
    dispatch = createDispatch(engine.handlers);
    const tcpPort = await freePort();
    let wsPort = await freePort();
    while (wsPort === tcpPort) wsPort = await freePort();
    ports = { tcpPort, wsPort };
  });

  afterAll(async () => {
    await engine?.dispose();
  });

  // Built-in broker #3: Mosquitto is offered (the panel's default) when installed.
  it('says Mosquitto is available', async () => {
    const status = await call('localBroker.status', {});
    expect(status).toMatchObject({ state: 'stopped', mosquittoAvailable: true });
  });

  // Built-in broker #3: runs on loopback, carries messages, shows its log, stops cleanly.
  it('runs Mosquitto on loopback with a password, carries messages, shows its log and stops', async () => {
    const status = await call('localBroker.start', {
      ...ports,
      engine: 'mosquitto',
      username: 'dev',
      password: 'pa:ss wörd',
    });
    expect(status, JSON.stringify(status.problem)).toMatchObject({
      state: 'running',
      engine: 'mosquitto',
      authRequired: true,
      listeners: { bindAddress: '127.0.0.1', ...ports },
    });

    const auth = ['-h', '127.0.0.1', '-p', String(ports.tcpPort), '-u', 'dev', '-P', 'pa:ss wörd'];
    const sub = tool('mosquitto_sub', [...auth, '-t', 'local/mosq', '-C', '1', '-W', '8', '-i', 'local-sub']);
    // The subscriber is in once the broker logs its connection.
    await expect
      .poll(async () => (await call('localBroker.log', {})).lines.join('\n'), { timeout: 8000 })
      .toMatch(/New client connected .* as local-sub/);
    expect((await tool('mosquitto_pub', [...auth, '-t', 'local/mosq', '-m', 'hello'])).code).toBe(0);
    expect((await sub).stdout.trim()).toBe('hello');

    // A wrong password is refused: the password file really is in force.
    const refused = await tool('mosquitto_pub', [...auth.slice(0, 6), '-P', 'wrong', '-t', 'x', '-m', 'y']);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/not authori[sz]ed|bad user name or password/i);

    // The engine's own connection over WebSocket reaches it too.
    const ws = await call('connection.open', {
      transport: 'ws',
      host: '127.0.0.1',
      port: ports.wsPort,
      path: '/mqtt',
      username: 'dev',
      password: 'pa:ss wörd',
    });
    expect(ws.state).toBe('connected');
    await call('connection.close', { connectionId: ws.connectionId });

    const log = (await call('localBroker.log', {})).lines;
    expect(log.join('\n')).toMatch(/mosquitto version \S+ running/);
    const dir = /Opening ipv4 listen socket on port (\d+)/.exec(log.join('\n'));
    expect(Number(dir?.[1])).toBe(ports.tcpPort);

    const stopped = await call('localBroker.stop', {});
    expect(stopped.state).toBe('stopped');
    expect((await tool('mosquitto_pub', [...auth, '-t', 'x', '-m', 'y'])).code).not.toBe(0);
    expect((await call('localBroker.log', {})).lines).toEqual([]);
  });

  // Built-in broker #3: a busy port is refused before Mosquitto starts, with free ports offered.
  it('refuses a busy port and offers free ones, as the built-in broker does', async () => {
    const first = await call('localBroker.start', { ...ports, engine: 'built-in' });
    expect(first.state).toBe('running');
    const other = createEngine({ host: 'web', version: 'test' });
    try {
      const status = await other.handlers['localBroker.start']({
        ...ports,
        engine: 'mosquitto',
        wsPath: '/mqtt',
        bindAllInterfaces: false,
      });
      expect(status.state).toBe('failed');
      expect(status.problem?.code).toBe('EADDRINUSE');
      expect(status.suggestedPorts?.tcpPort).toBeGreaterThan(ports.tcpPort);
    } finally {
      await other.dispose();
      await call('localBroker.stop', {});
    }
  });

  // Built-in broker #3: stopped with the host; its temp dir goes with it.
  it('stops Mosquitto and removes its config when the engine is disposed', async () => {
    const own = createEngine({ host: 'web', version: 'test' });
    const status = await own.handlers['localBroker.start']({
      ...ports,
      engine: 'mosquitto',
      wsPath: '/mqtt',
      bindAllInterfaces: false,
    });
    expect(status.state).toBe('running');
    const log = (await own.handlers['localBroker.log']({})).lines.join('\n');
    const config = /Config loaded from (\S+)\./.exec(log)?.[1];
    await own.dispose();
    expect(
      (await tool('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(ports.tcpPort), '-t', 'x', '-m', 'y']))
        .code,
    ).not.toBe(0);
    if (config) expect(existsSync(config)).toBe(false);
  });

  it('writes password lines in Mosquitto 2 form', () => {
    expect(passwordLine('dev', 'x')).toMatch(/^dev:\$7\$101\$[A-Za-z0-9+/]{16}\$[A-Za-z0-9+/]{86}==\n$/);
  });
});
