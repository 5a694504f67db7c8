import { useState } from 'react';
import type { CodecId } from '../../electron/contract';
import { useCurrentConnection } from '../connections/connection-queries';
import { useDecodedPayload, type Target } from '../payload-formats/payload-format-queries';
import type { Selection } from './selection';

export type CodecOverride = { codec: CodecId; messageType?: string } | null;

export function targetOf(selection: NonNullable<Selection>): Target {
  return selection.kind === 'message' ? { seq: selection.seq } : { topic: selection.path };
}

/** The decode of the message on screen, with the "decode as…" choice it is asked with. */
export function useDecodedView(target: Target) {
  const { connectionId } = useCurrentConnection();
  const [override, setOverride] = useState<CodecOverride>(null);
  const decoded = useDecodedPayload(connectionId, target, override, true);
  return { decoded, override, setOverride, hasCodec: Boolean(decoded.data?.choice) };
}
