/**
 * Engine sentences cross the contract as a key plus parameters, never as English prose:
 * the renderer words them in the user's language (`src/i18n/locales/<lang>/engine.json`),
 * and hosts without a renderer (the CLIs, logs) word them in English from the same file.
 * The keys the engine can emit are listed in `electron/engine/text/keys.ts`.
 */
import { z } from 'zod';

/** Values spliced into a sentence. A name ending in `Key` holds another engine key (see below). */
export const TextParamsSchema = z.record(z.string().max(64), z.union([z.string(), z.number()]));
export type TextParams = z.infer<typeof TextParamsSchema>;

export const EngineTextSchema = z.object({
  /** Relative to the `engine` area: `connack.v3_4` is `engine.connack.v3_4` in the locale files. */
  key: z.string().min(1).max(128),
  params: TextParamsSchema,
});
export type EngineText = z.infer<typeof EngineTextSchema>;

/** Looks up one engine key in one language (i18next's `t`, or the CLI's English table). */
export type EngineTranslate = (key: string, params: TextParams) => string;

const NESTED = /^(\w+)Key$/;
/** How deep sentences may nest ("not sent" → "no reconnect" → "connection lost"). */
const MAX_DEPTH = 3;

/**
 * Words an engine text. A parameter `fooKey: 'reasonName.x87'` is itself a key: it is worded
 * first (with the other parameters, so it may nest in turn, a few levels deep) and spliced
 * in as `{{foo}}`, so a sentence can name a reason code in the same language. Plain
 * parameter values are never read as keys or markup (a broker's reason string stays text).
 */
export function wordEngineText(text: EngineText, translate: EngineTranslate, depth = 0): string {
  const params: TextParams = { ...text.params };
  for (const [name, value] of Object.entries(text.params)) {
    const nested = NESTED.exec(name);
    if (!nested?.[1] || typeof value !== 'string') continue;
    const rest: TextParams = Object.fromEntries(Object.entries(text.params).filter(([k]) => k !== name));
    params[nested[1]] =
      depth < MAX_DEPTH
        ? wordEngineText({ key: value, params: rest }, translate, depth + 1)
        : translate(value, rest);
  }
  return translate(text.key, params);
}

/**
 * The contract's own validation rules carry their sentence as a key (`input.rule.portRange`)
 * in place of a zod message: the engine text for such a message, or null for zod's own words.
 */
export function ruleText(message: string): EngineText | null {
  return /^input\.rule\.\w+$/.test(message) ? { key: message, params: {} } : null;
}
