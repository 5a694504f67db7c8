import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ConnectionStatus, Preset, TopicSchema } from '../../electron/contract';
import { call } from '../api/client';
import { useCurrentProfileId } from '../payload-formats/current-profile';

/** The connection's broker: presets of a connection without a profile (and v1 presets) live under it. */
export function brokerKey(status: ConnectionStatus | undefined): string | null {
  if (!status?.url) return null;
  try {
    return new URL(status.url).host || null;
  } catch {
    return null;
  }
}

const presetKey = (broker: string | null, profileId: string | null) =>
  ['presets', broker, profileId] as const;
const schemaKey = (profileId: string | null) => ['topicSchemas', profileId] as const;
/** Presets and schemas belong to the profile of the connection on screen, when it has one. */
const scope = (profileId: string | null) => (profileId ? { profileId } : {});

export function usePresets(broker: string | null) {
  const profileId = useCurrentProfileId();
  return useQuery({
    queryKey: presetKey(broker, profileId),
    queryFn: () => call('presets.list', { broker: broker ?? '', ...scope(profileId) }),
    enabled: broker !== null,
  });
}

export function useSavePreset(broker: string | null) {
  const profileId = useCurrentProfileId();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (preset: Preset) =>
      call('presets.save', { broker: broker ?? '', preset, ...scope(profileId) }),
    onSuccess: (list) => client.setQueryData(presetKey(broker, profileId), list),
  });
}

export function useDeletePreset(broker: string | null) {
  const profileId = useCurrentProfileId();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => call('presets.delete', { broker: broker ?? '', name, ...scope(profileId) }),
    onSuccess: (list) => client.setQueryData(presetKey(broker, profileId), list),
  });
}

export function useTopicSchemas() {
  const profileId = useCurrentProfileId();
  return useQuery({
    queryKey: schemaKey(profileId),
    queryFn: () => call('topicSchemas.list', scope(profileId)),
  });
}

export function useSaveTopicSchemas() {
  const profileId = useCurrentProfileId();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (schemas: TopicSchema[]) => call('topicSchemas.save', { schemas, ...scope(profileId) }),
    onSuccess: (list) => client.setQueryData(schemaKey(profileId), list),
  });
}
