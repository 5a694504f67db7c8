import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type {
  ConnectionStatus,
  RecordStart,
  RecordingStatus,
  ReplayProgress,
  ReplayStart,
} from '../../electron/contract';
import { getTransport } from '../api/bridge';
import { call } from '../api/client';
import { connectionKeys } from '../connections/connection-cache';

export const recordKeys = {
  list: ['record.list'] as const,
  active: ['record.active'] as const,
  replays: ['replay.list'] as const,
};

export function useRecordings() {
  return useQuery({ queryKey: recordKeys.list, queryFn: () => call('record.list', {}) });
}

export function useActiveRecordings() {
  return useQuery({ queryKey: recordKeys.active, queryFn: () => call('record.active', {}) });
}

export function useReplays() {
  return useQuery({ queryKey: recordKeys.replays, queryFn: () => call('replay.list', {}) });
}

/** Every connection the page knows (pushes keep the cache fresh); never fetches by itself. */
export function useKnownConnections(): ConnectionStatus[] {
  return (
    useQuery({
      queryKey: connectionKeys.list,
      queryFn: () => call('connection.list', {}),
      enabled: false,
    }).data ?? []
  );
}

function upsert<T>(list: T[] | undefined, item: T, same: (a: T) => boolean, keep: boolean): T[] {
  const rest = (list ?? []).filter((x) => !same(x));
  return keep ? [...rest, item] : rest;
}

/**
 * Recording status and replay progress pushes, into the query cache: a few a second at most,
 * so the panel re-renders a few times a second, never once per message.
 */
export function useRecordFeed(): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    const bridge = getTransport().bridge;
    const offRecord = bridge.on('record.status', (status: RecordingStatus) => {
      const running = status.state === 'recording';
      queryClient.setQueryData<RecordingStatus[]>(recordKeys.active, (old) =>
        upsert(old, status, (r) => r.recordingId === status.recordingId, running),
      );
      if (!running) void queryClient.invalidateQueries({ queryKey: recordKeys.list });
    });
    const offReplay = bridge.on('replay.progress', (progress: ReplayProgress) => {
      // An ended replay stays shown, so its outcome can be read.
      queryClient.setQueryData<ReplayProgress[]>(recordKeys.replays, (old) =>
        upsert(old, progress, (r) => r.replayId === progress.replayId, true),
      );
    });
    return () => {
      offRecord();
      offReplay();
    };
  }, [queryClient]);
}

export function useStartRecording() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: RecordStart) => call('record.start', input),
    onSuccess: (status) => {
      queryClient.setQueryData<RecordingStatus[]>(recordKeys.active, (old) =>
        upsert(old, status, (r) => r.recordingId === status.recordingId, true),
      );
      void queryClient.invalidateQueries({ queryKey: recordKeys.list });
    },
  });
}

export function useStopRecording() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (recordingId: string) => call('record.stop', { recordingId }),
    onSuccess: (status) => {
      queryClient.setQueryData<RecordingStatus[]>(recordKeys.active, (old) =>
        upsert(old, status, (r) => r.recordingId === status.recordingId, false),
      );
      void queryClient.invalidateQueries({ queryKey: recordKeys.list });
    },
  });
}

export function useDeleteRecording() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => call('record.delete', { name }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: recordKeys.list }),
  });
}

export function useStartReplay() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ReplayStart) => call('replay.start', input),
    onSuccess: (progress) =>
      queryClient.setQueryData<ReplayProgress[]>(recordKeys.replays, (old) =>
        upsert(old, progress, (r) => r.replayId === progress.replayId, true),
      ),
  });
}

export function useReplayControl() {
  return useMutation({
    mutationFn: (input: { replayId: string; action: 'pause' | 'resume' | 'stop' }) =>
      input.action === 'stop'
        ? call('replay.stop', { replayId: input.replayId })
        : call('replay.pause', { replayId: input.replayId, paused: input.action === 'pause' }),
  });
}
