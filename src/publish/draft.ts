import type { DraftProperties, PayloadFormat, PublishDraft, Qos } from '../../electron/contract';

/** Formats of the editor: the contract's typed formats, plus a file sent as bytes. */
export type EditorFormat = PayloadFormat | 'file';

export const EDITOR_FORMATS: readonly EditorFormat[] = ['json', 'text', 'hex', 'base64', 'file'];

export interface PickedFile {
  name: string;
  bytes: Uint8Array<ArrayBuffer>;
}

/** The publish form: the contract's draft (what presets save) plus a picked file. */
export interface EditorDraft extends Omit<PublishDraft, 'format'> {
  format: EditorFormat;
  file: PickedFile | null;
}

export function emptyProperties(): DraftProperties {
  return {
    contentType: '',
    payloadFormatIndicator: 'unset',
    messageExpiryInterval: '',
    topicAlias: '',
    responseTopic: '',
    correlationData: '',
    correlationFormat: 'text',
    userProperties: [],
  };
}

export function emptyDraft(): EditorDraft {
  return {
    topic: '',
    format: 'json',
    text: '',
    qos: 0 as Qos,
    retain: false,
    properties: emptyProperties(),
    file: null,
  };
}

/** How many property fields are filled in: shown on the collapsed section. */
export function countProperties(p: DraftProperties): number {
  return (
    [p.contentType, p.messageExpiryInterval, p.topicAlias, p.responseTopic, p.correlationData].filter(
      (v) => v.trim() !== '',
    ).length +
    (p.payloadFormatIndicator === 'unset' ? 0 : 1) +
    p.userProperties.filter((u) => u.key || u.value).length
  );
}

const HEX_BYTE = (b: number) => b.toString(16).padStart(2, '0');

/** Bytes as spaced hex pairs, the way the hex format accepts them back. */
export function bytesToHex(bytes: Uint8Array): string {
  return Array.from(bytes, HEX_BYTE).join(' ');
}

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

/** A saveable draft: a picked file becomes base64 text, since presets hold no files. */
export function toPublishDraft(draft: EditorDraft): PublishDraft {
  const { file, format, ...rest } = draft;
  if (format !== 'file') return { ...rest, format };
  return { ...rest, format: 'base64', text: file ? bytesToBase64(file.bytes) : '' };
}
