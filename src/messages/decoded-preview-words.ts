import { wordEngineText, type DecodedPreview, type MessageSummary } from '../../electron/contract';
import { i18n } from '../i18n';
import { isBinaryPreview } from './format';

/** The preview in words: the renderer's languages, the engine's structured answer. */
export function previewWords(preview: DecodedPreview, lng?: string): string {
  const t = i18n.getFixedT(lng ?? i18n.language);
  if (preview.error !== undefined) {
    const message = wordEngineText(preview.error, (key, params) =>
      t(`engine.${key}` as 'engine.reasonCode', params),
    );
    return t('sparkplug.preview.error', { message });
  }
  const sp = preview.sparkplug;
  if (!sp) return preview.json ?? '';
  const list = sp.metrics.map((m) => `${m.name ?? `#${m.alias ?? '?'}`}=${m.value}`).join(', ');
  const more = sp.count > sp.metrics.length ? ' …' : '';
  const text = t('sparkplug.preview.metrics', { kind: sp.kind, count: sp.count, list: list + more });
  return sp.noBirth || sp.unknownAliases > 0 ? `${t('sparkplug.preview.rebirth')} · ${text}` : text;
}

/**
 * Could a codec apply? The Sparkplug namespace, a content type (in the properties), bytes
 * that are not text, or control characters no text carries (Protobuf's field tags). Plain
 * text and JSON rows never ask, so a busy text topic costs no requests.
 */
export function mayDecode(summary: MessageSummary): boolean {
  if (summary.topic.startsWith('spBv1.0/') || summary.hasProperties) return true;
  const preview = summary.preview;
  if (isBinaryPreview(preview, summary.size > preview.byteLength)) return true;
  for (const b of preview) if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) return true;
  return false;
}
