import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { EditorLoadBoundary } from '../../publish/editor/PayloadEditor';
import type { ScriptEditorProps } from './script-editor-props';

// Monaco and the JavaScript language service are megabytes: loaded when a script is opened.
const MonacoScriptEditor = lazy(() => import('./MonacoScriptEditor'));

export function ScriptEditor(props: ScriptEditorProps) {
  const { t } = useTranslation();
  return (
    <EditorLoadBoundary>
      <Suspense
        fallback={
          <div className="script-editor-host payload-editor-message" aria-busy="true">
            {t('scripts.editor.loading')}
          </div>
        }
      >
        <MonacoScriptEditor {...props} />
      </Suspense>
    </EditorLoadBoundary>
  );
}
