import { useMutation, useQuery } from '@tanstack/react-query';
import type { RecordingInfo } from '../../electron/contract';
import { call } from '../api/client';

/**
 * Native file dialogs for recordings (issue 19 #3). Only the desktop app has them; the web
 * host keeps a typed path, so the buttons are offered only when the host is Electron.
 */
export function useIsDesktop(): boolean {
  const info = useQuery({ queryKey: ['app.info'], queryFn: () => call('app.info', {}) });
  return info.data?.host === 'electron';
}

/** A name the save dialog proposes, with the extension the desktop app opens recordings by. */
export function suggestedRecordingName(now: Date): string {
  const stamp = now.toISOString().slice(0, 19).replace(/[:T]/g, '-');
  return `mqscope-${stamp}.mqscope-rec.jsonl`;
}

/** Where to write a new recording: a path, or null when the dialog was cancelled. */
export function useChooseRecordingPath() {
  return useMutation({
    mutationFn: async () =>
      (
        await call('desktop.chooseFile', {
          purpose: 'save-recording',
          suggestedName: suggestedRecordingName(new Date()),
        })
      ).path,
  });
}

/** A recording from anywhere on disk, read for replay; null when the dialog was cancelled. */
export function useOpenRecordingFile() {
  return useMutation({
    mutationFn: async (): Promise<RecordingInfo | null> => {
      const { path } = await call('desktop.chooseFile', { purpose: 'open-recording' });
      return path === null ? null : call('record.open', { path });
    },
  });
}
