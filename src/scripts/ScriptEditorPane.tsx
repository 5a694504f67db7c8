import { useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { Script, ScriptError } from '../../electron/contract';
import { useScriptConsole } from './console-store';
import { ScriptEditor } from './editor/ScriptEditor';
import type { ScriptEditorHandle, ScriptProblem } from './editor/script-editor-props';
import { SCRIPT_API_TYPES } from './examples';
import { ScriptConsole } from './ScriptConsole';
import { editOf, setEdit, type ScriptEdit } from './script-drafts';
import { TryTransform } from './TryTransform';

interface Props {
  script: Script;
  profileId: string;
  edit: ScriptEdit | undefined;
  dirty: boolean;
  saving: boolean;
  onSave(): void;
  onClose(): void;
}

/**
 * The main area's element, where the editor opens over the stream panes (it needs their
 * width). The workbench renders it before any script can be opened.
 */
function mainArea(): HTMLElement | null {
  return document.querySelector<HTMLElement>('.main-area > .main');
}

/**
 * A script open for editing: its name and unsaved mark, Save and Close, "try" for a
 * transform, the editor, and the console under it. Shown over the main area; the side
 * view keeps the list and the run controls.
 */
export function ScriptEditorPane({ script, profileId, edit, dirty, saving, onSave, onClose }: Props) {
  const { t } = useTranslation();
  const host = mainArea();
  const editor = useRef<ScriptEditorHandle | null>(null);
  const { lines, clear } = useScriptConsole(script.id);
  const [tryError, setTryError] = useState<ScriptError | undefined>(undefined);
  const source = (edit ?? editOf(script)).source;

  // The errors of the console (and of the last try), marked at their lines in the editor.
  const problems = useMemo<ScriptProblem[]>(() => {
    const found: ScriptProblem[] = lines
      .filter((l) => l.level === 'error' && l.line !== undefined)
      .slice(-20)
      .map((l) => ({ line: l.line ?? 1, message: l.text }));
    if (tryError?.line !== undefined) found.push({ line: tryError.line, message: tryError.message });
    return found;
  }, [lines, tryError]);

  if (!host) return null;
  return createPortal(
    <section
      className="script-pane"
      aria-label={t('scripts.editor.title')}
      onKeyDown={(event) => {
        // Ctrl/Cmd+S anywhere in the pane (Monaco handles it itself while it has the focus).
        if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
          event.preventDefault();
          onSave();
        }
      }}
    >
      <header className="script-pane-head">
        <h2 className="script-pane-name" title={script.name}>
          {script.name}
        </h2>
        <span className="muted">{t(`scripts.kindOne.${script.options.kind}`)}</span>
        {dirty && (
          <span className="script-unsaved" role="note">
            {t('scripts.unsaved')}
          </span>
        )}
        <span className="toolbar-spacer" />
        <span className="muted script-pane-hint">{t('scripts.editor.saveHint')}</span>
        <button type="button" className="button-small" disabled={!dirty || saving} onClick={onSave}>
          {t('scripts.save')}
        </button>
        <button type="button" className="button-small" onClick={onClose}>
          {t('scripts.close')}
        </button>
      </header>
      {script.options.kind === 'transform' && (
        <TryTransform
          source={source}
          onError={setTryError}
          // Only the saved text is what a chart runs.
          saved={
            dirty
              ? undefined
              : {
                  transform: { profileId, scriptId: script.id, name: script.name },
                  pattern: script.options.topicPattern,
                }
          }
        />
      )}
      <div className="script-pane-editor">
        <ScriptEditor
          scriptId={script.id}
          value={source}
          apiTypes={SCRIPT_API_TYPES}
          label={t('scripts.editorLabel', { name: script.name })}
          problems={problems}
          onChange={(text) => {
            setTryError(undefined);
            setEdit(script, { source: text });
          }}
          onSave={onSave}
          onReady={(handle) => {
            editor.current = handle;
          }}
        />
      </div>
      <ScriptConsole
        lines={lines}
        onClear={() => void clear()}
        onGoToLine={(line) => editor.current?.revealLine(line)}
      />
    </section>,
    host,
  );
}
