/**
 * Broker check, bad input (issue 15 "Bad input"): a broker that refuses some helper
 * connections, one that cuts a helper off mid-check, and one that cannot be reached. Each
 * yields "could not run" with the reason for the checks concerned, and the rest still run.
 * The broker is a real aedes (the one the built-in broker uses) with a restrictive policy.
 */
import { createServer, type Server } from 'node:net';
import { Aedes, type AuthenticateError } from 'aedes';
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectOptionsSchema, type CheckGroup, type CheckReport } from '../../electron/contract';
import { runBrokerCheck } from '../../electron/engine/check';
import { freePort } from '../support/mosquitto';

interface Policy {
  /** Refuse CONNECT from client IDs matching this (CONNACK "identifier rejected"). */
  refuseClientIds?: RegExp;
  /** Close the connection of a client that publishes this payload. */
  cutOnPayload?: string;
}

const running: { broker: Aedes; server: Server }[] = [];

async function startBroker(policy: Policy): Promise<number> {
  const broker = await Aedes.createBroker({
    authenticate: (client, _user, _password, done) => {
      if (policy.refuseClientIds?.test(client.id)) {
        const error = new Error('Client ID refused by policy.') as AuthenticateError;
        error.returnCode = 2;
        return done(error, false);
      }
      done(null, true);
    },
    authorizePublish: (client, packet, done) => {
      if (client && policy.cutOnPayload && packet.payload.toString() === policy.cutOnPayload) {
        client.close();
        return;
      }
      done(null);
    },
  });
  broker.on('clientError', () => undefined);
  broker.on('connectionError', () => undefined);
  const server = createServer((socket) => broker.handle(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  running.push({ broker, server });
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('no port');
  return address.port;
}

afterEach(async () => {
  for (const { broker, server } of running.splice(0)) {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await new Promise<void>((resolve) => broker.close(() => resolve()));
  }
});

function check(port: number, groups: CheckGroup[]): Promise<CheckReport> {
  return runBrokerCheck(ConnectOptionsSchema.parse({ transport: 'mqtt', host: '127.0.0.1', port }), {
    groups,
  });
}

function verdicts(report: CheckReport): Record<string, string> {
  return Object.fromEntries(report.results.map((r) => [r.id, r.verdict]));
}

describe('broker check against a broker that refuses or cuts off helpers', () => {
  // Broker check: refused helpers are "could not run" for those checks only.
  it('reports a refused helper connection as "could not run" with the reason, for that check only', async () => {
    // The keepalive check's helpers are the only ones tagged "silent".
    const port = await startBroker({ refuseClientIds: /-silent\d/ });
    const report = await check(port, ['keepalive', 'delivery']);
    const keepalive = report.results.find((r) => r.id === 'keepalive.timeout');
    expect(keepalive?.verdict).toBe('could-not-run');
    expect(keepalive?.finding).toMatch(
      /refused the silent-1 connection: .*0x02|refused the silent-\d connection/,
    );
    expect(report.results.filter((r) => r.group === 'delivery').map((r) => r.verdict)).toEqual(
      Array(5).fill('conforms'),
    );
  }, 30_000);

  // Broker check: a broker that disconnects mid-check is reported, and the rest continue.
  it('reports a helper cut off mid-check, and the other checks still run', async () => {
    const port = await startBroker({ cutOnPayload: 'qos1' });
    const report = await check(port, ['delivery']);
    const cut = report.results.find((r) => r.id === 'delivery.qos1');
    expect(cut?.verdict).toBe('could-not-run');
    expect(cut?.finding).toMatch(
      /^The broker closed the publisher connection while waiting for the acknowledgement/,
    );
    // Cut off, not timed out: the check ended as soon as the connection did.
    expect(cut?.durationMs).toBeLessThan(3000);
    expect(verdicts(report)).toMatchObject({
      'delivery.qos0': 'conforms',
      'delivery.qos2': 'conforms',
      'delivery.qos2-exactly-once': 'conforms',
    });
  }, 30_000);

  it('says why when the broker cannot be reached at all, and runs nothing', async () => {
    const report = await check(await freePort(), ['delivery']);
    expect(report.broker).toBeNull();
    expect(report.results).toEqual([]);
    expect(report.problem).toMatch(/refused the discover connection/);
  });
});
