import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CodecId, PayloadFormats } from '../../electron/contract';
import { call } from '../api/client';
import { forgetDecodedPreviews } from '../messages/decoded-previews';
import { useCurrentProfileId } from './current-profile';

const scope = (profileId: string | null) => (profileId ? { profileId } : {});
export const formatsKey = (profileId: string | null) => ['payloadFormats', profileId] as const;

/** The payload formats (schemas, codec bindings, .proto files) of the profile on screen. */
export function usePayloadFormats() {
  const profileId = useCurrentProfileId();
  return useQuery({
    queryKey: formatsKey(profileId),
    queryFn: () => call('payloadFormats.get', scope(profileId)),
  });
}

export function useSavePayloadFormats() {
  const profileId = useCurrentProfileId();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (formats: PayloadFormats) => call('payloadFormats.save', { ...scope(profileId), ...formats }),
    onSuccess: (saved) => {
      client.setQueryData(formatsKey(profileId), saved);
      // Decodes depend on the bindings and .proto files: ask again.
      void client.invalidateQueries({ queryKey: ['payload-decode'] });
      forgetDecodedPreviews();
      void client.invalidateQueries({ queryKey: ['topicSchemas'] });
    },
  });
}

export type Target = { seq: number } | { topic: string };

/** One message decoded in the engine (lazily: only when the decoded view is on screen). */
export function useDecodedPayload(
  connectionId: string | null,
  target: Target,
  as: { codec: CodecId; messageType?: string } | null,
  enabled: boolean,
) {
  const profileId = useCurrentProfileId();
  return useQuery({
    queryKey: ['payload-decode', connectionId, profileId, target, as],
    queryFn: () =>
      call('payload.decode', {
        connectionId: connectionId ?? '',
        target,
        ...scope(profileId),
        ...(as
          ? { as: { codec: as.codec, ...(as.messageType ? { messageType: as.messageType } : {}) } }
          : {}),
      }),
    enabled: enabled && connectionId !== null,
    staleTime: Infinity,
  });
}
