import { ruleText, wordEngineText, type EngineText } from '../../electron/contract';
import { i18n } from './index';

/**
 * An engine sentence (connection errors, reason codes, states) in the current language.
 * The key comes from the engine at run time, so it is not one of the typed literal keys;
 * tests/unit/engine-text-keys.test.ts checks every key the engine can emit exists here.
 */
export function engineText(text: EngineText): string {
  return wordEngineText(text, (key, params) => i18n.t(`engine.${key}` as 'engine.reasonCode', params));
}

/** A contract validation message in the current language: its rule's key, or zod's words. */
export function ruleMessage(message: string): string {
  const rule = ruleText(message);
  return rule ? engineText(rule) : message;
}
