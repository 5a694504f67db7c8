/**
 * The payload editor itself. Loaded lazily (see PayloadEditor.tsx): importing this module
 * pulls in Monaco, so it must never be imported eagerly.
 */
import { useEffect, useRef } from 'react';
import { i18n } from '../../i18n';
import { DARK_THEME, LIGHT_THEME, jsonDefaults, monaco } from './monaco-setup';
import type { PayloadEditorProps } from './payload-editor-props';
import './payload-editor.css';
import { onThemeChange, resolvedTheme } from '../../styles/theme';

const MODEL_URI = monaco.Uri.parse('inmemory://mqscope/publish/payload.json');

function themeNow(): string {
  return resolvedTheme() === 'dark' ? DARK_THEME : LIGHT_THEME;
}

function applySchema(schema: PayloadEditorProps['schema']): void {
  let parsed: unknown = undefined;
  if (schema) {
    try {
      parsed = JSON.parse(schema.schema);
    } catch {
      parsed = undefined;
    }
  }
  jsonDefaults.setDiagnosticsOptions({
    validate: true,
    // JSON.parse decides what may be published: the editor marks exactly what it refuses.
    allowComments: false,
    comments: 'error',
    trailingCommas: 'error',
    schemaValidation: 'warning',
    enableSchemaRequest: false,
    schemas:
      parsed === undefined || !schema
        ? []
        : [
            {
              uri: `inmemory://mqscope/schemas/${encodeURIComponent(schema.pattern)}`,
              fileMatch: [MODEL_URI.toString()],
              schema: parsed,
            },
          ],
  });
}

export default function MonacoPayloadEditor(props: PayloadEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  // The editor is created once; callbacks change every render, so read them through a ref.
  const latest = useRef(props);
  useEffect(() => {
    latest.current = props;
  });

  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const model =
      monaco.editor.getModel(MODEL_URI) ??
      monaco.editor.createModel(latest.current.value, latest.current.language, MODEL_URI);
    model.setValue(latest.current.value);
    const editor = monaco.editor.create(element, {
      model,
      ariaLabel: i18n.t('publish.toolbar.payload'),
      theme: themeNow(),
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 12,
      lineNumbersMinChars: 3,
      lineDecorationsWidth: 6,
      glyphMargin: false,
      folding: true,
      wordWrap: 'on',
      scrollBeyondLastLine: false,
      renderLineHighlight: 'none',
      overviewRulerLanes: 0,
      tabSize: 2,
      fixedOverflowWidgets: true,
      // A hidden textarea (not EditContext): keyboard, IME and test drivers all type into it.
      editContext: false,
      placeholder: latest.current.placeholder,
      scrollbar: { alwaysConsumeMouseWheel: false, verticalScrollbarSize: 10 },
    });
    editorRef.current = editor;

    editor.addAction({
      id: 'mqscope.publish',
      label: i18n.t('publish.publish'),
      keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter],
      run: () => latest.current.onSubmit(),
    });
    const typed = model.onDidChangeContent(() => {
      const text = model.getValue();
      if (text !== latest.current.value) latest.current.onChange(text);
    });
    const markers = monaco.editor.onDidChangeMarkers((uris) => {
      if (!uris.some((uri) => uri.toString() === MODEL_URI.toString())) return;
      const found = monaco.editor.getModelMarkers({ resource: MODEL_URI });
      latest.current.onMarkers(
        found.map((m) => ({
          message: m.message,
          line: m.startLineNumber,
          column: m.startColumn,
          severity: m.severity === monaco.MarkerSeverity.Error ? 'error' : 'warning',
        })),
      );
    });
    const stopTheme = onThemeChange(() => monaco.editor.setTheme(themeNow()));
    if (latest.current.autoFocus) editor.focus();
    latest.current.onReady?.({
      focus: () => editor.focus(),
      insert: (text) => {
        editor.focus();
        editor.trigger('mqscope', 'type', { text });
      },
    });
    return () => {
      stopTheme();
      markers.dispose();
      typed.dispose();
      editor.dispose();
      editorRef.current = null;
    };
  }, []);

  // The placeholder is worded in the page's language, which can change while the editor lives.
  useEffect(() => {
    editorRef.current?.updateOptions({ placeholder: props.placeholder });
  }, [props.placeholder]);

  // Text set from outside (a preset, a re-publish, Format): replace it as one undoable edit.
  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (!model || model.getValue() === props.value) return;
    editorRef.current?.executeEdits('mqscope', [{ range: model.getFullModelRange(), text: props.value }]);
    editorRef.current?.pushUndoStop();
  }, [props.value]);

  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (model) monaco.editor.setModelLanguage(model, props.language);
    // Plain text has no diagnostics: clear the JSON markers so none linger.
    if (props.language !== 'json') latest.current.onMarkers([]);
  }, [props.language]);

  useEffect(() => applySchema(props.schema), [props.schema]);

  return <div ref={host} className="payload-editor-host" data-testid="payload-editor" />;
}
