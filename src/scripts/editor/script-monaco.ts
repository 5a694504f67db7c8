/**
 * Monaco for scripts: the app's one Monaco setup (publish/editor/monaco-setup) plus
 * JavaScript with the TypeScript language service, which gives completion from the script
 * API's `.d.ts`. Only the lazily loaded script editor imports this module; the language
 * service runs in its own worker, bundled from Monaco's package (no CDN).
 */
import { DARK_THEME, LIGHT_THEME, monaco } from '../../publish/editor/monaco-setup';
import 'monaco-editor/languages/definitions/javascript/register';
import { javascriptDefaults } from 'monaco-editor/languages/features/typescript/register';
import TsWorker from 'monaco-editor/languages/features/typescript/ts.worker?worker';

// The shared setup picks the JSON worker or the plain editor worker; the language service
// asks for its own (labelled by language). Wrapped here, so the payload editor's setup
// stays as it is and the TypeScript worker is bundled only with the script editor.
const shared = self.MonacoEnvironment;
self.MonacoEnvironment = {
  ...shared,
  getWorker: (workerId: string, label: string) => {
    if (label === 'javascript' || label === 'typescript') return new TsWorker();
    if (!shared?.getWorker) throw new Error(`No Monaco worker for ${label}.`);
    return shared.getWorker(workerId, label);
  },
};

// A script runs in QuickJS with only the API we give it: no DOM, no Node. ES2020's library
// alone keeps `window`, `fetch` or `require` out of the completion list.
javascriptDefaults.setCompilerOptions({
  allowJs: true,
  allowNonTsExtensions: true,
  checkJs: false,
  lib: ['es2020'],
  target: 7 /* ES2020 */,
  noEmit: true,
});
// Syntax errors only: a script is plain JavaScript, and type errors against the API's
// typings would flag working code (a payload's JSON is `unknown` to the checker).
javascriptDefaults.setDiagnosticsOptions({ noSemanticValidation: true, noSyntaxValidation: false });

const API_LIB_PATH = 'ts:mqscope/script-api.d.ts';
let apiLib: { text: string; handle: { dispose(): void } } | null = null;

/** Gives the language service the API's typings (once per text; a changed text replaces it). */
export function setApiTypes(text: string): void {
  if (apiLib?.text === text) return;
  apiLib?.handle.dispose();
  apiLib = { text, handle: javascriptDefaults.addExtraLib(text, API_LIB_PATH) };
}

export function scriptModelUri(scriptId: string): monaco.Uri {
  return monaco.Uri.parse(`inmemory://mqscope/scripts/${encodeURIComponent(scriptId)}.js`);
}

export { DARK_THEME, LIGHT_THEME, monaco };
