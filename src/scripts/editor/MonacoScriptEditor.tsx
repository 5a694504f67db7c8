/**
 * The script editor itself. Loaded lazily (see ScriptEditor.tsx): importing this module
 * pulls in Monaco and the JavaScript language service, so it must never be imported eagerly.
 * One editor, one model per script: switching scripts keeps each one's undo history.
 */
import { useEffect, useRef } from 'react';
import { i18n } from '../../i18n';
import { onThemeChange, resolvedTheme } from '../../styles/theme';
import type { ScriptEditorProps } from './script-editor-props';
import { DARK_THEME, LIGHT_THEME, monaco, scriptModelUri, setApiTypes } from './script-monaco';

/** The owner of the markers a run reports (the language service has its own). */
const RUN_OWNER = 'mqscope-run';

function themeNow(): string {
  return resolvedTheme() === 'dark' ? DARK_THEME : LIGHT_THEME;
}

function modelFor(scriptId: string, value: string): monaco.editor.ITextModel {
  const uri = scriptModelUri(scriptId);
  return monaco.editor.getModel(uri) ?? monaco.editor.createModel(value, 'javascript', uri);
}

export default function MonacoScriptEditor(props: ScriptEditorProps) {
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
    setApiTypes(latest.current.apiTypes);
    const editor = monaco.editor.create(element, {
      model: modelFor(latest.current.scriptId, latest.current.value),
      ariaLabel: latest.current.label,
      theme: themeNow(),
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 13,
      lineNumbersMinChars: 3,
      glyphMargin: false,
      scrollBeyondLastLine: false,
      tabSize: 2,
      fixedOverflowWidgets: true,
      // A hidden textarea (not EditContext): keyboard, IME and test drivers all type into it.
      editContext: false,
      scrollbar: { alwaysConsumeMouseWheel: false, verticalScrollbarSize: 10 },
    });
    editorRef.current = editor;
    editor.addAction({
      id: 'mqscope.script.save',
      label: i18n.t('scripts.save'),
      keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS],
      run: () => latest.current.onSave(),
    });
    const typed = editor.onDidChangeModelContent(() => {
      const text = editor.getModel()?.getValue() ?? '';
      if (text !== latest.current.value) latest.current.onChange(text);
    });
    const stopTheme = onThemeChange(() => monaco.editor.setTheme(themeNow()));
    latest.current.onReady?.({
      revealLine: (line, column = 1) => {
        editor.revealLineInCenter(line);
        editor.setPosition({ lineNumber: line, column });
        editor.focus();
      },
      focus: () => editor.focus(),
    });
    return () => {
      stopTheme();
      typed.dispose();
      editor.dispose();
      editorRef.current = null;
      // Drafts live in the view's store; the models (and their undo) go with the editor.
      for (const model of monaco.editor.getModels()) {
        if (model.uri.authority === 'mqscope' && model.uri.path.startsWith('/scripts/')) model.dispose();
      }
    };
  }, []);

  // Another script chosen: show its model (made on first sight from its saved text or draft).
  useEffect(() => {
    const editor = editorRef.current;
    if (!editor) return;
    const model = modelFor(props.scriptId, props.value);
    if (editor.getModel() !== model) editor.setModel(model);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the value is synced below
  }, [props.scriptId]);

  // The label names the script: another one chosen in the same editor renames it.
  useEffect(() => editorRef.current?.updateOptions({ ariaLabel: props.label }), [props.label]);

  // Text set from outside (reverted, an example loaded): replace it as one undoable edit.
  useEffect(() => {
    const editor = editorRef.current;
    const model = editor?.getModel();
    if (!editor || !model || model.getValue() === props.value) return;
    editor.executeEdits('mqscope', [{ range: model.getFullModelRange(), text: props.value }]);
    editor.pushUndoStop();
  }, [props.value, props.scriptId]);

  useEffect(() => setApiTypes(props.apiTypes), [props.apiTypes]);

  // Errors from the last run, marked at their line (and column, when the sandbox gave one).
  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (!model) return;
    monaco.editor.setModelMarkers(
      model,
      RUN_OWNER,
      props.problems
        .filter((p) => p.line >= 1 && p.line <= model.getLineCount())
        .map((p) => ({
          severity: monaco.MarkerSeverity.Error,
          message: p.message,
          startLineNumber: p.line,
          startColumn: p.column ?? model.getLineFirstNonWhitespaceColumn(p.line),
          endLineNumber: p.line,
          endColumn: model.getLineMaxColumn(p.line),
        })),
    );
  }, [props.problems, props.scriptId]);

  return <div ref={host} className="script-editor-host" data-testid="script-editor" />;
}
