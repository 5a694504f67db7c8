import type {
  DraftProperties,
  PayloadInput,
  PublishProperties,
  Qos,
  TemplateContext,
} from '../../electron/contract';
import { encodePayload, expandTemplate, topicNameProblem } from '../../electron/contract';
import { engineText } from '../i18n/engine-text';
import { i18n } from '../i18n/index';
import type { EditorDraft } from './draft';

/** What a publish sends, without the connection: also what history keeps for re-sending. */
export interface OutgoingMessage {
  topic: string;
  /** Templates already expanded: re-sending it sends exactly the same bytes. */
  payload: PayloadInput;
  qos: Qos;
  retain: boolean;
  properties?: PublishProperties;
}

export type BuildField = 'topic' | 'payload' | 'properties';

export type BuildResult =
  | {
      ok: true;
      message: OutgoingMessage;
      /** The bytes that will go out, for the preview and the size. */
      bytes: Uint8Array;
      /** Whether a template variable was expanded (the preview then matters). */
      expanded: boolean;
    }
  | { ok: false; field: BuildField; message: string };

const UINT32_MAX = 0xffff_ffff;

/** The sentence is worded here, in the current language: a plain helper the panel calls as it renders. */
function wholeNumber(
  text: string,
  min: number,
  max: number,
  field: 'messageExpiry' | 'topicAlias',
): number | string {
  const trimmed = text.trim();
  const what = i18n.t(`formCheck.field.${field}`);
  if (!/^\d+$/.test(trimmed)) return i18n.t('formCheck.wholeNumber', { what, min, max });
  const value = Number(trimmed);
  if (value < min || value > max) return i18n.t('formCheck.range', { what, min, max });
  return value;
}

type PropertiesResult = { ok: true; properties?: PublishProperties } | { ok: false; message: string };

/** The MQTT 5 fields as typed, turned into contract properties; empty fields are left out. */
export function buildProperties(p: DraftProperties): PropertiesResult {
  const out: PublishProperties = {};
  if (p.contentType !== '') out.contentType = p.contentType;
  if (p.payloadFormatIndicator !== 'unset') out.payloadFormatIndicator = p.payloadFormatIndicator === 'utf8';
  if (p.messageExpiryInterval.trim() !== '') {
    const value = wholeNumber(p.messageExpiryInterval, 0, UINT32_MAX, 'messageExpiry');
    if (typeof value === 'string') return { ok: false, message: value };
    out.messageExpiryInterval = value;
  }
  if (p.topicAlias.trim() !== '') {
    const value = wholeNumber(p.topicAlias, 1, 65535, 'topicAlias');
    if (typeof value === 'string') return { ok: false, message: value };
    out.topicAlias = value;
  }
  if (p.responseTopic !== '') {
    const problem = topicNameProblem(p.responseTopic);
    if (problem)
      return { ok: false, message: i18n.t('formCheck.responseTopic', { problem: engineText(problem) }) };
    out.responseTopic = p.responseTopic;
  }
  if (p.correlationData !== '') {
    const encoded = encodePayload({ format: p.correlationFormat, text: p.correlationData });
    if (!encoded.ok)
      return {
        ok: false,
        message: i18n.t('formCheck.correlationData', { problem: engineText(encoded.problem) }),
      };
    out.correlationData = new Uint8Array(encoded.bytes);
  }
  const rows = p.userProperties.filter((u) => u.key !== '' || u.value !== '');
  const nameless = rows.findIndex((u) => u.key === '');
  if (nameless !== -1)
    return { ok: false, message: i18n.t('formCheck.userPropertyNoName', { row: nameless + 1 }) };
  if (rows.length > 0) out.userProperties = rows;
  return Object.keys(out).length > 0 ? { ok: true, properties: out } : { ok: true };
}

export interface BuildOptions {
  /** MQTT 5 connection: properties are sent. On 3.1/3.1.1 they are left out (the UI says so). */
  v5: boolean;
  templates: TemplateContext;
}

/**
 * Turns the form into the message to send, or the one problem that stops it, checked in
 * the order a person reads the form: topic, payload, properties. Pure: the panel, the
 * preview and the tests use the same function.
 */
export function buildPublish(draft: EditorDraft, options: BuildOptions): BuildResult {
  const topicProblem = topicNameProblem(draft.topic);
  if (topicProblem) return { ok: false, field: 'topic', message: engineText(topicProblem) };

  let payload: PayloadInput;
  let bytes: Uint8Array;
  let expanded = false;
  if (draft.format === 'file') {
    if (!draft.file) return { ok: false, field: 'payload', message: i18n.t('formCheck.pickFile') };
    payload = { format: 'bytes', bytes: draft.file.bytes };
    bytes = draft.file.bytes;
  } else {
    const template = expandTemplate(draft.text, options.templates);
    if (!template.ok) return { ok: false, field: 'payload', message: engineText(template.text) };
    expanded = template.expanded;
    payload = { format: draft.format, text: template.text };
    const encoded = encodePayload(payload);
    if (!encoded.ok) {
      const problem = engineText(encoded.problem);
      const message = expanded ? i18n.t('formCheck.afterTemplate', { problem }) : problem;
      return { ok: false, field: 'payload', message };
    }
    bytes = encoded.bytes;
  }

  let properties: PublishProperties | undefined;
  if (options.v5) {
    const built = buildProperties(draft.properties);
    if (!built.ok) return { ok: false, field: 'properties', message: built.message };
    properties = built.properties;
  }
  const message: OutgoingMessage = {
    topic: draft.topic,
    payload,
    qos: draft.qos,
    retain: draft.retain,
    ...(properties && { properties }),
  };
  return { ok: true, message, bytes, expanded };
}
