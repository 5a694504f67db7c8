import type { DecodedPayload, MessageDetail } from '../../electron/contract';
import { useCurrentConnection } from '../connections/connection-queries';
import { useDecodedPayload } from '../payload-formats/payload-format-queries';
import { DiffView } from './DiffView';
import type { CodecOverride } from './use-decoded-view';

/**
 * The diff of a message against the previous one on its topic. When a codec applies and both
 * sides decode (MessagePack, CBOR, Protobuf, Sparkplug B), their decoded JSON is compared,
 * not bytes that are not text; otherwise the payloads' own JSON, as before.
 */
export function DecodedDiff({
  detail,
  current,
  override,
}: {
  detail: MessageDetail;
  current: DecodedPayload | undefined;
  override: CodecOverride;
}) {
  const { connectionId } = useCurrentConnection();
  const previousSeq = detail.previous?.seq;
  const codec = current?.choice !== null && current?.result?.ok === true;
  const previous = useDecodedPayload(
    connectionId,
    { seq: previousSeq ?? 1 },
    override,
    codec && previousSeq !== undefined,
  );
  const before = previous.data?.result;
  const now = current?.result;
  const decoded =
    codec && before?.ok && now?.ok && before.codec === now.codec
      ? { current: now.value, previous: before.value }
      : undefined;
  return <DiffView current={detail.payload} previous={detail.previous?.payload} decoded={decoded} />;
}
