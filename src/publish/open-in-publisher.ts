import type { MessageProperties, Qos } from '../../electron/contract';
import { bytesToHex, emptyProperties, type EditorDraft } from './draft';
import { draftStore } from './draft-store';

export interface RepublishSource {
  topic: string;
  payload: Uint8Array;
  qos: Qos;
  retain: boolean;
  properties?: MessageProperties | undefined;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function utf8(bytes: Uint8Array): string | null {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return null;
  }
}

/** Received text must go back out unchanged: `{{` would otherwise read as a template. */
function escapeTemplates(text: string): string {
  return text.replaceAll('{{', '\\{{');
}

/** A received message as a publish form: JSON when it parses, text when UTF-8, hex otherwise. */
export function draftFromMessage(source: RepublishSource): EditorDraft {
  const text = utf8(source.payload);
  let format: EditorDraft['format'] = 'hex';
  let body = bytesToHex(source.payload);
  if (text !== null) {
    format = isJson(text) ? 'json' : 'text';
    body = escapeTemplates(text);
  }
  const p = source.properties;
  const properties = emptyProperties();
  if (p) {
    if (p.contentType !== undefined) properties.contentType = p.contentType;
    if (p.payloadFormatIndicator !== undefined) {
      properties.payloadFormatIndicator = p.payloadFormatIndicator ? 'utf8' : 'bytes';
    }
    if (p.messageExpiryInterval !== undefined) {
      properties.messageExpiryInterval = String(p.messageExpiryInterval);
    }
    // A topic alias belongs to the connection that received it: never copied.
    if (p.responseTopic !== undefined) properties.responseTopic = p.responseTopic;
    if (p.correlationData !== undefined) {
      const correlation = utf8(p.correlationData);
      const printable = correlation !== null && !hasControlCharacters(correlation);
      properties.correlationFormat = printable ? 'text' : 'hex';
      properties.correlationData = printable ? correlation : bytesToHex(p.correlationData);
    }
    if (p.userProperties) properties.userProperties = p.userProperties.map((u) => ({ ...u }));
  }
  return {
    topic: source.topic,
    format,
    text: body,
    qos: source.qos,
    retain: source.retain,
    properties,
    file: null,
  };
}

function hasControlCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

function isJson(text: string): boolean {
  if (text.trim() === '') return false;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

type Listener = () => void;
const revealListeners = new Set<Listener>();

/**
 * Fills the publish panel with a received message (topic, payload, QoS, retain and
 * properties) and brings the panel into view. The message inspector calls this for
 * "Re-publish"; nothing is sent until the user publishes.
 */
export function openInPublisher(source: RepublishSource): void {
  draftStore.replace(draftFromMessage(source));
  for (const listener of revealListeners) listener();
}

/** The panel registers here to scroll into view and focus its editor when filled. */
export function onOpenInPublisher(listener: Listener): () => void {
  revealListeners.add(listener);
  return () => revealListeners.delete(listener);
}
