import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ConnectionStatus, Preset, TopicSchema } from '../../electron/contract';
import { call } from '../api/client';

/** Presets belong to a broker (`host:port`) until profiles exist. */
export function brokerKey(status: ConnectionStatus | undefined): string | null {
  if (!status?.url) return null;
  try {
    return new URL(status.url).host || null;
  } catch {
    return null;
  }
}

const presetKey = (broker: string | null) => ['presets', broker] as const;
const schemaKey = ['topicSchemas'] as const;

export function usePresets(broker: string | null) {
  return useQuery({
    queryKey: presetKey(broker),
    queryFn: () => call('presets.list', { broker: broker ?? '' }),
    enabled: broker !== null,
  });
}

export function useSavePreset(broker: string | null) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (preset: Preset) => call('presets.save', { broker: broker ?? '', preset }),
    onSuccess: (list) => client.setQueryData(presetKey(broker), list),
  });
}

export function useDeletePreset(broker: string | null) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => call('presets.delete', { broker: broker ?? '', name }),
    onSuccess: (list) => client.setQueryData(presetKey(broker), list),
  });
}

export function useTopicSchemas() {
  return useQuery({ queryKey: schemaKey, queryFn: () => call('topicSchemas.list', {}) });
}

export function useSaveTopicSchemas() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (schemas: TopicSchema[]) => call('topicSchemas.save', { schemas }),
    onSuccess: (list) => client.setQueryData(schemaKey, list),
  });
}
