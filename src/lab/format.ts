import type { LabAction } from '../../electron/contract';

export const ACTION_LABELS: Record<LabAction, string> = {
  drop: 'Drop connection',
  stall: 'Stall keepalive',
  disconnectWithWill: 'Disconnect with will',
  disconnect: 'Normal disconnect',
};

export const ACTION_HINTS: Record<LabAction, string> = {
  drop: 'Destroy the socket without DISCONNECT, as a crash or a lost network does.',
  stall: 'Send nothing more, not even PINGREQ, and let the broker time the client out.',
  disconnectWithWill: 'MQTT 5 DISCONNECT with reason 0x04: a goodbye that still asks for the will.',
  disconnect: 'A normal DISCONNECT: the broker must discard the will.',
};

export function clock(epochMs: number | null): string {
  if (epochMs === null) return '—';
  const d = new Date(epochMs);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

export function secondsText(ms: number | null): string {
  return ms === null ? '—' : `${(ms / 1000).toFixed(1)} s`;
}
