import { mqttFilterMatches } from '../contract/topic-match';
import type { CodecId } from './types';

/** A codec bound to a topic filter; Protobuf names its message type. */
export interface CodecBindingLike {
  pattern: string;
  codec: CodecId;
  messageType?: string | undefined;
}

export interface CodecChoice {
  codec: CodecId;
  messageType?: string;
  /** Why this codec: a binding (first match wins), the MQTT 5 content type, or the Sparkplug namespace. */
  source: 'binding' | 'content-type' | 'namespace';
}

const CONTENT_TYPES = new Map<string, CodecId>([
  ['application/x-protobuf', 'protobuf'],
  ['application/protobuf', 'protobuf'],
  ['application/vnd.google.protobuf', 'protobuf'],
  ['application/msgpack', 'msgpack'],
  ['application/x-msgpack', 'msgpack'],
  ['application/vnd.msgpack', 'msgpack'],
  ['application/cbor', 'cbor'],
  ['application/json', 'json'],
]);

/** `application/x-protobuf; messageType=pkg.Msg` → the codec and, when given, the type. */
function fromContentType(contentType: string): { codec: CodecId; messageType?: string } | null {
  const [media = '', ...params] = contentType.split(';').map((part) => part.trim());
  const codec = CONTENT_TYPES.get(media.toLowerCase());
  if (!codec) return null;
  for (const param of params) {
    const [key, value] = param.split('=');
    if (key && value && /^(messagetype|proto|type)$/i.test(key.trim())) {
      return { codec, messageType: value.trim().replace(/^"|"$/g, '') };
    }
  }
  return { codec };
}

/** Which codec a message is shown with when the user has not picked one; null: as before (text/hex). */
export function detectCodec(
  topic: string,
  contentType: string | undefined,
  bindings: readonly CodecBindingLike[],
): CodecChoice | null {
  const bound = bindings.find((binding) => mqttFilterMatches(binding.pattern, topic));
  if (bound) {
    return {
      codec: bound.codec,
      source: 'binding',
      ...(bound.messageType ? { messageType: bound.messageType } : {}),
    };
  }
  const typed = contentType ? fromContentType(contentType) : null;
  if (typed) return { ...typed, source: 'content-type' };
  if (topic.startsWith('spBv1.0/') && !topic.startsWith('spBv1.0/STATE/')) {
    return { codec: 'sparkplugb', source: 'namespace' };
  }
  return null;
}
