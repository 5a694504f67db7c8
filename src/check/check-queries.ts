import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useSyncExternalStore } from 'react';
import type { CheckGroup, CheckReport, CheckRunInput } from '../../electron/contract';
import { getTransport } from '../api/bridge';
import { call } from '../api/client';
import { checkProgress, type RunProgress } from './check-progress';

export const checkHistoryKey = ['check.history'] as const;

/** Every broker's kept runs, newest first. */
export function useCheckHistory(enabled: boolean) {
  return useQuery({ queryKey: checkHistoryKey, queryFn: () => call('check.history', {}), enabled });
}

/** The one place `check.progress` pushes enter the renderer. Mount once. */
export function useCheckProgressFeed(): void {
  useEffect(() => getTransport().bridge.on('check.progress', (event) => checkProgress.ingest(event)), []);
}

export function useCheckProgress(): RunProgress | null {
  return useSyncExternalStore(checkProgress.subscribe, checkProgress.getSnapshot);
}

/** One run: pending for the whole suite (up to about 90 s); the history refetches after it. */
export function useRunCheck() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { profileId: string; groups?: CheckGroup[] }): Promise<CheckReport> => {
      checkProgress.expectRun();
      const request: CheckRunInput = {
        target: { kind: 'profile', id: input.profileId },
        ...(input.groups && { groups: input.groups }),
      };
      return call('check.run', request);
    },
    onError: () => checkProgress.abandon(),
    onSettled: () => queryClient.invalidateQueries({ queryKey: checkHistoryKey }),
  });
}

export function useCancelCheck() {
  return useMutation({ mutationFn: (runId: string) => call('check.cancel', { runId }) });
}
