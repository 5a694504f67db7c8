/**
 * The will lab against a real Mosquitto: each way of leaving the broker, the observer's
 * measurement, and the verdict — checked against an independent mosquitto_sub.
 */
import { describe, expect, it } from 'vitest';
import { englishOf } from '../support/english';
import type { ConnectOptions, ConnectionStatus, LabAction, LabResult } from '../../electron/contract';
import { useEngineSession } from '../support/engine-session';
import { MOSQUITTO_MISSING, mosquittoAvailable, mosquittoSub } from '../support/mosquitto';

const available = mosquittoAvailable();
if (!available) console.warn(MOSQUITTO_MISSING);

describe.skipIf(!available)('will lab against a real Mosquitto', () => {
  const session = useEngineSession();
  const { call, opened } = session;

  async function connectWithWill(topic: string, extra: Partial<ConnectOptions> = {}): Promise<string> {
    const status: ConnectionStatus = await call('connection.open', {
      ...session.tcp(),
      will: { topic, payload: { format: 'json', text: '{"online":false}' }, qos: 1 },
      ...extra,
    });
    opened.add(status.connectionId);
    expect(status.state).toBe('connected');
    return status.connectionId;
  }

  const run = (connectionId: string, action: LabAction): Promise<LabResult> =>
    call('lab.run', { connectionId, action });

  it('drop: the will arrives within 1 s, as specified', async () => {
    const id = await connectWithWill('lab/drop');
    const result = await run(id, 'drop');
    expect(result.will?.afterActionMs).toBeLessThan(1000);
    expect(new TextDecoder().decode(result.will?.payload)).toBe('{"online":false}');
    expect(result).toMatchObject({ verdict: 'as-specified', action: 'drop', willTopic: 'lab/drop' });
    expect(englishOf(result.verdictText)).toMatch(/^The will arrived 0\.\d s after the action, as specified/);
  });

  it('stall with keepalive 2 s: measured from the last packet, in agreement with mosquitto_sub', async () => {
    const id = await connectWithWill('lab/stall', { keepaliveSeconds: 2 });
    const independent = await mosquittoSub(session.broker, {
      topic: 'lab/stall',
      count: 1,
      timeoutMs: 20_000,
    });
    const result = await run(id, 'stall');
    const [seen] = await independent.messages;
    const measured = result.will?.afterLastPacketMs ?? NaN;
    const lastPacketAt = result.lastPacketAt ?? NaN;
    // Two clocks read by two processes on one machine: they agree within a quarter second.
    expect(Math.abs((seen?.receivedAt ?? 0) - lastPacketAt - measured)).toBeLessThan(250);
    // Never before 1.5 × keepalive (whole seconds at the broker); Mosquitto 2.0's 5 s check makes it up to ~6 s late.
    expect(measured).toBeGreaterThanOrEqual(2000);
    expect(measured).toBeLessThan(9500);
    const inWindow = measured <= 4000;
    expect(result.verdict).toBe(inWindow ? 'as-specified' : 'not-as-specified');
    if (!inWindow)
      expect(englishOf(result.verdictText)).toMatch(/later than specified .*Mosquitto 2\.0: every 5 s/);
  });

  it('normal disconnect: no will, as specified', async () => {
    const id = await connectWithWill('lab/normal');
    const result = await run(id, 'disconnect');
    expect(result.will).toBeNull();
    expect(result).toMatchObject({ verdict: 'as-specified', expected: { window: null } });
    expect(englishOf(result.verdictText)).toBe(
      'No will within 5.0 s, as specified: a normal DISCONNECT discards it.',
    );
  });

  it('MQTT 5 will delay 3 s with a drop: the will comes after about 3 s, not before', async () => {
    const id = await connectWithWill('lab/delay', {
      sessionExpirySeconds: 30,
      will: {
        topic: 'lab/delay',
        payload: 'late',
        qos: 1,
        properties: { willDelayInterval: 3 },
      },
    });
    const result = await run(id, 'drop');
    expect(result.will?.afterActionMs).toBeGreaterThanOrEqual(2800);
    // Mosquitto times will delays in whole seconds: up to about a second over.
    expect(result.will?.afterActionMs).toBeLessThan(5000);
    expect(result.verdict).toBe('as-specified');
  });

  it('disconnect with reason 0x04 publishes the will at once', async () => {
    const id = await connectWithWill('lab/0x04');
    const result = await run(id, 'disconnectWithWill');
    expect(result.will?.afterActionMs).toBeLessThan(1000);
    expect(result.verdict).toBe('as-specified');
  });

  it('refuses a connection without a will, and keeps the history newest first', async () => {
    const plain = await call('connection.open', session.tcp());
    opened.add(plain.connectionId);
    const refused = await session.dispatch('lab.run', { connectionId: plain.connectionId, action: 'drop' });
    expect(refused.ok ? 'ok' : refused.error.message).toMatch(/no last will/);

    const history = (await call('lab.history', { brokerUrl: plain.url })).results;
    expect(history.length).toBeGreaterThanOrEqual(1);
    const times = history.map((r) => r.actionAt);
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });
});
