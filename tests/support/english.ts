import type { EngineText } from '../../electron/contract';
import { english } from '../../electron/engine/text/english';

/** An engine text in English (what the CLI prints), for assertions on its words. */
export function englishOf(text: EngineText | undefined): string | undefined {
  return text ? english(text) : undefined;
}
