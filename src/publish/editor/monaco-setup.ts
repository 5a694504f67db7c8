/**
 * Monaco, trimmed to what the payload editor uses: the editor API, a hand-picked set of
 * editing contributions, JSON (with its worker) and plain text. `monaco-editor`'s main
 * entry would pull every language into the bundle. Everything here is loaded lazily with
 * the editor chunk; nothing comes from a CDN.
 */
import * as monaco from 'monaco-editor/editor/editor.api';
import 'monaco-editor/editor/browser/coreCommands';
import 'monaco-editor/editor/common/standaloneStrings';
import 'monaco-editor/editor/contrib/bracketMatching/browser/bracketMatching';
import 'monaco-editor/editor/contrib/clipboard/browser/clipboard';
import 'monaco-editor/editor/contrib/comment/browser/comment';
import 'monaco-editor/editor/contrib/contextmenu/browser/contextmenu';
import 'monaco-editor/editor/contrib/find/browser/findController';
import 'monaco-editor/editor/contrib/folding/browser/folding';
import 'monaco-editor/editor/contrib/format/browser/formatActions';
import 'monaco-editor/editor/contrib/gotoError/browser/gotoError';
import 'monaco-editor/editor/contrib/hover/browser/hoverContribution';
import 'monaco-editor/editor/contrib/linesOperations/browser/linesOperations';
import 'monaco-editor/editor/contrib/multicursor/browser/multicursor';
import 'monaco-editor/editor/contrib/placeholderText/browser/placeholderText.contribution';
import 'monaco-editor/editor/contrib/smartSelect/browser/smartSelect';
import 'monaco-editor/editor/contrib/snippet/browser/snippetController2';
import 'monaco-editor/editor/contrib/suggest/browser/suggestController';
import 'monaco-editor/editor/contrib/wordHighlighter/browser/wordHighlighter';
import 'monaco-editor/editor/contrib/wordOperations/browser/wordOperations';
// JSON's language features load `internal/common/workers`, which registers every editor
// contribution and the services they need (ICodeLensCache, treeViewsDndService). Loaded
// lazily, after the first editor had fixed its service set, the next editor (the one made
// on switching File -> JSON) asked for services that set lacks and threw. Loaded here, they
// are all registered before any editor exists. JSON loads them anyway: the bundle is the same.
import 'monaco-editor/internal/common/workers';
import { jsonDefaults } from 'monaco-editor/languages/features/json/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import JsonWorker from 'monaco-editor/languages/features/json/json.worker?worker';

// Workers are separate bundled files served from our own origin: allowed by the CSP's
// `worker-src 'self'`, with no blob: or CDN involved.
self.MonacoEnvironment = {
  getWorker: (_workerId: string, label: string) => (label === 'json' ? new JsonWorker() : new EditorWorker()),
};

export const LIGHT_THEME = 'mqscope-light';
export const DARK_THEME = 'mqscope-dark';

// The app's surface colours (src/styles/base.css), so the editor does not look pasted in.
monaco.editor.defineTheme(LIGHT_THEME, {
  base: 'vs',
  inherit: true,
  rules: [],
  colors: { 'editor.background': '#ffffff', 'editorGutter.background': '#f5f6f8' },
});
monaco.editor.defineTheme(DARK_THEME, {
  base: 'vs-dark',
  inherit: true,
  rules: [],
  colors: { 'editor.background': '#1a1b1e', 'editorGutter.background': '#25272b' },
});

export { jsonDefaults, monaco };
