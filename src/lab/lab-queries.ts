import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ConnectionStatus, LabAction, LabHistory, LabResult } from '../../electron/contract';
import { call } from '../api/client';

/** Whose results: the connection's profile, or its broker when it has none. */
type Owner = Pick<ConnectionStatus, 'url' | 'profileId'> | undefined;

const historyKey = (owner: Owner) => ['lab.history', owner?.profileId ?? '', owner?.url ?? ''] as const;

export function useLabHistory(owner: Owner) {
  return useQuery({
    queryKey: historyKey(owner),
    queryFn: () =>
      call('lab.history', owner?.profileId ? { profileId: owner.profileId } : { brokerUrl: owner?.url }),
    enabled: owner !== undefined,
  });
}

/** One lab run: the request stays pending for the whole observation window (seconds). */
export function useRunLab(owner: Owner) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { connectionId: string; action: LabAction }) => call('lab.run', input),
    onSuccess: (result: LabResult) =>
      queryClient.setQueryData<LabHistory>(historyKey(owner), (old) => ({
        results: [result, ...(old?.results ?? [])].slice(0, 20),
        setAsidePath: old?.setAsidePath ?? null,
      })),
  });
}

/** Without a will there is nothing to observe: the raw actions still show what the broker does. */
export function useRawLabAction() {
  return useMutation({
    mutationFn: ({ connectionId, action }: { connectionId: string; action: 'drop' | 'stall' }) =>
      call(action === 'drop' ? 'connection.drop' : 'connection.stall', { connectionId }),
  });
}
