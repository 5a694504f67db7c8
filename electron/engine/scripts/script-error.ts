/**
 * The engine's own script errors (a limit reached, a refused call, a worker that stopped) as
 * keyed sentences the renderer words (issue 14: the engine sends no English prose). This file
 * is shared by the script worker's bundle, so it stays light: no i18next here. `message` holds
 * the key as a stable fallback for logs; the script's own errors keep QuickJS's words instead.
 */
import type { EngineText, ScriptError, TextParams } from '../../contract';
import { text, type EngineKey } from '../text/keys';

export function scriptFailure(
  key: EngineKey,
  params: TextParams = {},
  extra: Pick<ScriptError, 'line' | 'limit'> = {},
): ScriptError {
  const said: EngineText = text(key, params);
  return { message: key, text: said, ...extra };
}
