/**
 * The mqtt.js-code reader with each lint item's sentence also worded in English (what the
 * CLI prints), so tests can assert on words while the engine sends only keys (Issue 14 #2).
 */
import type { LintItem, ParseMqttjsResult } from '../../electron/contract';
import { parseMqttjsCode as parse } from '../../electron/engine/profiles/mqttjs-code/parse';
import { english } from '../../electron/engine/text/english';

export type WordedLint = LintItem & { message: string };

export function parseMqttjsCode(code: string): Omit<ParseMqttjsResult, 'lint'> & { lint: WordedLint[] } {
  const result = parse(code);
  return { ...result, lint: result.lint.map((item) => ({ ...item, message: english(item.text) })) };
}
