import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { LabAction, LabResult } from '../../electron/contract';
import { call } from '../api/client';

const historyKey = (brokerUrl: string | undefined) => ['lab.history', brokerUrl ?? ''] as const;

export function useLabHistory(brokerUrl: string | undefined) {
  return useQuery({
    queryKey: historyKey(brokerUrl),
    queryFn: () => call('lab.history', brokerUrl ? { brokerUrl } : {}),
    enabled: brokerUrl !== undefined,
  });
}

/** One lab run: the request stays pending for the whole observation window (seconds). */
export function useRunLab(brokerUrl: string | undefined) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { connectionId: string; action: LabAction }) => call('lab.run', input),
    onSuccess: (result: LabResult) =>
      queryClient.setQueryData<LabResult[]>(historyKey(brokerUrl), (old = []) =>
        [result, ...old].slice(0, 20),
      ),
  });
}

/** Without a will there is nothing to observe: the raw actions still show what the broker does. */
export function useRawLabAction() {
  return useMutation({
    mutationFn: ({ connectionId, action }: { connectionId: string; action: 'drop' | 'stall' }) =>
      call(action === 'drop' ? 'connection.drop' : 'connection.stall', { connectionId }),
  });
}
