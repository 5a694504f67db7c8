import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { Script, ScriptDraft, ScriptRun } from '../../electron/contract';
import { getTransport } from '../api/bridge';
import { call } from '../api/client';

export const scriptKeys = {
  list: (profileId: string | null) => ['scripts.list', profileId] as const,
  runs: ['scripts.runs'] as const,
};

export function useScripts(profileId: string | null) {
  return useQuery({
    queryKey: scriptKeys.list(profileId),
    queryFn: () => call('scripts.list', { profileId: profileId ?? '' }),
    enabled: profileId !== null,
  });
}

export function useSaveScript(profileId: string | null) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (script: ScriptDraft) => call('scripts.save', { profileId: profileId ?? '', script }),
    onSuccess: (list) => client.setQueryData<Script[]>(scriptKeys.list(profileId), list),
  });
}

export function useDeleteScript(profileId: string | null) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (scriptId: string) => call('scripts.delete', { profileId: profileId ?? '', scriptId }),
    onSuccess: (list) => {
      client.setQueryData<Script[]>(scriptKeys.list(profileId), list);
      void client.invalidateQueries({ queryKey: scriptKeys.runs });
    },
  });
}

/** A responder runs once per connection; a device once. */
export function sameRun(a: ScriptRun, b: ScriptRun): boolean {
  return a.scriptId === b.scriptId && (a.connectionId ?? '') === (b.connectionId ?? '');
}

function upsertRun(list: ScriptRun[] | undefined, run: ScriptRun): ScriptRun[] {
  return [...(list ?? []).filter((r) => !sameRun(r, run)), run];
}

export function useScriptRuns() {
  return useQuery({ queryKey: scriptKeys.runs, queryFn: () => call('scripts.runs', {}) });
}

/**
 * Run changes pushed by the engine (batched there), into the query cache. Mounted once, by
 * the always-shown responder badge, so the Scripts view and the badge read the same runs.
 */
export function useScriptRunsFeed(): void {
  const client = useQueryClient();
  useEffect(
    () =>
      getTransport().bridge.on('scripts.run', (run: ScriptRun) =>
        client.setQueryData<ScriptRun[]>(scriptKeys.runs, (old) => upsertRun(old, run)),
      ),
    [client],
  );
}

/** Starting or stopping answers the run's new state: put it in the cache at once. */
export function useRunControl() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (
      action:
        | { do: 'responder.start'; profileId: string; scriptId: string; connectionId: string }
        | { do: 'responder.stop'; scriptId: string; connectionId: string }
        | { do: 'device.start'; profileId: string; scriptId: string }
        | { do: 'device.stop'; scriptId: string; abrupt?: boolean },
    ): Promise<ScriptRun> => {
      switch (action.do) {
        case 'responder.start':
          return call('scripts.responder.start', {
            profileId: action.profileId,
            scriptId: action.scriptId,
            connectionId: action.connectionId,
          });
        case 'responder.stop':
          return call('scripts.responder.stop', {
            scriptId: action.scriptId,
            connectionId: action.connectionId,
          });
        case 'device.start':
          return call('scripts.device.start', { profileId: action.profileId, scriptId: action.scriptId });
        case 'device.stop':
          return call('scripts.device.stop', { scriptId: action.scriptId, abrupt: action.abrupt ?? false });
      }
    },
    onSuccess: (run) => client.setQueryData<ScriptRun[]>(scriptKeys.runs, (old) => upsertRun(old, run)),
  });
}
