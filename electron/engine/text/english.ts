/**
 * English wording of engine texts, for hosts without a renderer (the CLIs, the web host's
 * log lines) and for Error messages. It reads the renderer's English locale file, so the
 * words exist once.
 */
import { createInstance } from 'i18next';
import { wordEngineText, type EngineText } from '../../contract';
import engine from '../../../src/i18n/locales/en/engine.json';

const i18n = createInstance();
void i18n.init({
  resources: { en: { translation: { engine } } },
  lng: 'en',
  initAsync: false,
  interpolation: { escapeValue: false },
});

/** The English sentence for an engine text (the key itself when the locale lacks it). */
export function english(text: EngineText): string {
  return wordEngineText(text, (key, params) => i18n.t(`engine.${key}`, params));
}
