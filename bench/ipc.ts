/**
 * The Electron transport (issue 18 #5): the engine behind the real IPC binding
 * (electron/main/ipc.ts) and the real preload bridge (electron/preload/index.ts), with the
 * glue tests' stand-in `electron` module (Electron's binary cannot be downloaded here).
 * Each request and each answer is structured-cloned, as Electron's IPC does between the
 * renderer and main, and read the way the renderer reads: stream.poll, at most 20 a second.
 */
import type { BrowserWindow as ElectronWindow, IpcMain } from 'electron';
import type { MqscopeBridge, StreamStats } from '../electron/contract';
import { createEngine } from '../electron/engine';
import { createDispatch } from '../electron/host/dispatch';
import { bindRequests } from '../electron/main/ipc';
import { BrowserWindow, ipcMain, ipcRenderer, recorded } from '../tests/glue/electron-stand-in';
import { mib, perSecond, publish, type BrokerAddress } from './bench-support';

const LOAD = { count: 200_000, topics: 10_000 };

async function bridgeToEngine(): Promise<{ bridge: MqscopeBridge; dispose: () => Promise<void> }> {
  const engine = createEngine({ host: 'electron', version: 'bench' });
  const window = new BrowserWindow({});
  const asWindow = window as unknown as ElectronWindow;
  bindRequests(ipcMain as unknown as IpcMain, createDispatch(engine.handlers), () => [asWindow]);
  // The stand-in records invocations; here they go to main's handler, cloned both ways.
  ipcRenderer.invoke = async (channel: string, input: unknown) => {
    const handler = recorded.handlers.get(channel);
    if (!handler) throw new Error(`No handler for ${channel}`);
    const answer: unknown = await handler(
      { senderFrame: window.webContents.mainFrame },
      structuredClone(input),
    );
    return structuredClone(answer);
  };
  await import('../electron/preload/index');
  const bridge = recorded.exposed.get('mqscope') as MqscopeBridge | undefined;
  if (!bridge) throw new Error('The preload exposed no bridge.');
  return { bridge, dispose: () => engine.dispose() };
}

export async function runIpc(broker: BrokerAddress, l1: number): Promise<void> {
  const { bridge, dispose } = await bridgeToEngine();
  const call = async <T>(name: Parameters<MqscopeBridge['invoke']>[0], input: unknown): Promise<T> => {
    const envelope = await bridge.invoke(name, input as never);
    if (!envelope.ok) throw new Error(`${name}: ${envelope.error.message}`);
    return envelope.value as T;
  };
  try {
    const status = await call<{ connectionId: string }>('connection.open', {
      transport: 'mqtt',
      host: broker.host,
      port: broker.ports.mqtt,
      username: broker.username,
      password: broker.password,
    });
    const connectionId = status.connectionId;
    await call('subscription.add', { connectionId, filter: 'ipc/#', qos: 0 });
    let epoch = 0;
    let topicCursor = 0;
    let afterSeq = 0;
    let lastPoll = 0;
    let cloned = 0;
    const poll = async (): Promise<StreamStats> => {
      const wait = lastPoll + 50 - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      lastPoll = Date.now();
      const answer = await call<{
        stats: StreamStats;
        topicCursor: number;
        tail: unknown[];
        topics: unknown[];
      }>('stream.poll', { connectionId, epoch, topicCursor, afterSeq });
      cloned += answer.tail.length + answer.topics.length;
      epoch = answer.stats.epoch;
      topicCursor = answer.topicCursor;
      afterSeq = answer.stats.lastSeq;
      return answer.stats;
    };
    const cpu = process.cpuUsage();
    const running = publish(broker, { ...LOAD, prefix: 'ipc' });
    let stats = await poll();
    for (let i = 0; i < 400 && stats.received === 0; i++) stats = await poll();
    const first = await call<{ receivedAt: number }>('messages.detail', {
      connectionId,
      seq: 1,
      maxBytes: 1,
    });
    const run = await running;
    for (let i = 0; i < 400 && stats.received < run.sent; i++) stats = await poll();
    const doneAt = Date.now();
    const used = process.cpuUsage(cpu);
    const rate = stats.received / ((doneAt - first.receivedAt) / 1000);
    const memory = process.memoryUsage();
    console.log(
      `Electron IPC        ${perSecond(rate)}  (${stats.received.toLocaleString('en-US')} of ${run.sent.toLocaleString('en-US')} through the preload bridge and ipcMain binding, ` +
        `${cloned.toLocaleString('en-US')} rows and topic states structured-cloned; CPU ${((used.user + used.system) / stats.received).toFixed(1)} µs/msg)`,
    );
    // The issue sets no target for this transport: its ratio is reported beside L2's.
    console.log(`  ratio IPC/L1 = ${(rate / l1).toFixed(2)}`);
    console.log(`  memory: bench process RSS ${mib(memory.rss)}, heap ${mib(memory.heapUsed)}`);
  } finally {
    await dispose();
  }
}
