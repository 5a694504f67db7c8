import type { CodecId } from '../../electron/contract';

/** Codec names are product names, the same in every language. */
export const CODEC_NAMES: Record<CodecId, string> = {
  json: 'JSON',
  text: 'Text',
  msgpack: 'MessagePack',
  cbor: 'CBOR',
  protobuf: 'Protobuf',
  sparkplugb: 'Sparkplug B',
};
